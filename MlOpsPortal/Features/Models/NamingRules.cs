using System.Text.RegularExpressions;

namespace MlOpsPortal.Features.Models;

/// <summary>Checks keys against the admin's naming rules; the message quotes the rule so people can fix the key.</summary>
public static class NamingRules
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    public static bool Matches(string key, string pattern)
    {
        ArgumentNullException.ThrowIfNull(key);
        // .NET's $ also matches before a final newline, so "key\n" would pass a ^…$ rule: no key has control characters.
        if (key.Any(char.IsControl))
        {
            return false;
        }

        try
        {
            return Regex.IsMatch(key, pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public static string Violation(string what, string key, string pattern) =>
        $"The {what} key '{key}' does not follow the naming rule {pattern} (for example lowercase letters, digits and hyphens, starting with a letter).";

    /// <summary>Null when the pattern is usable as a rule; otherwise why not.</summary>
    public static string? ProblemWithPattern(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "A naming rule is required.";
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            return pattern.StartsWith('^') && pattern.EndsWith('$')
                ? null
                : "A naming rule must match the whole key: start it with ^ and end it with $.";
        }
        catch (ArgumentException ex)
        {
            return "Not a valid regular expression: " + ex.Message;
        }
    }
}
