using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Tests.Features.Models;

public sealed class NamingRulesTests
{
    [Theory]
    [InlineData("churn-model", true)]
    [InlineData("abc", true)]
    [InlineData("ab", false)] // too short: the rule wants 3 to 63 characters
    [InlineData("Churn-model", false)]
    [InlineData("1churn", false)]
    [InlineData("churn_model", false)]
    [InlineData("churn model", false)]
    [InlineData("", false)]
    public void Default_rule_accepts_lowercase_keys_that_start_with_a_letter(string key, bool expected) =>
        Assert.Equal(expected, NamingRules.Matches(key, RegistrySettings.DefaultKeyPattern));

    [Fact]
    public void Default_rule_limits_keys_to_63_characters()
    {
        Assert.True(NamingRules.Matches("a" + new string('b', 62), RegistrySettings.DefaultKeyPattern));
        Assert.False(NamingRules.Matches("a" + new string('b', 63), RegistrySettings.DefaultKeyPattern));
    }

    [Fact]
    public void The_message_quotes_the_rule_and_the_key()
    {
        var message = NamingRules.Violation("model", "Bad Key", RegistrySettings.DefaultKeyPattern);

        Assert.Contains("'Bad Key'", message, StringComparison.Ordinal);
        Assert.Contains(RegistrySettings.DefaultKeyPattern, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("^[a-z]+$", null)]
    [InlineData("[a-z]+", "start it with ^")]
    [InlineData("^[a-z+$", "Not a valid regular expression")]
    [InlineData("  ", "required")]
    public void Admin_patterns_are_checked_before_they_become_rules(string pattern, string? problem)
    {
        var found = NamingRules.ProblemWithPattern(pattern);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_catastrophic_pattern_times_out_as_a_mismatch_instead_of_hanging()
    {
        Assert.False(NamingRules.Matches(new string('a', 5000) + "!", "^(a+)+$"));
    }
}
