using System.Globalization;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Features.Deployments;

/// <summary>Which version in which environment a list of gates is about, so a failing gate can say what it needs.</summary>
public sealed record GateSubject(string Model, int Version, string Environment, VersionDetails? Details = null);

/// <summary>What a failing gate needs, in words, and where to go to provide it (null when no page of the portal does).</summary>
public sealed record GateNeed(string Text, string? Href = null, string? LinkText = null);

/// <summary>
/// Turns a failing gate into the step that makes it pass, for the person who requests or approves: the reason says what is
/// wrong, this says what to do and links to the place where it is done.
/// </summary>
public static class GateAdvice
{
    public static GateNeed? For(GateResult gate, GateSubject subject)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(subject);
        if (gate.Passed)
        {
            return null;
        }

        var v = string.Create(CultureInfo.InvariantCulture, $"v{subject.Version}");
        return gate.Name switch
        {
            DeploymentGates.QualityGateName => new(
                $"A recent passing quality report of {v}: upload its reference and current samples and run the checks on the model's Quality tab;",
                RegistryLinks.ModelTab(subject.Model, "quality"), "open the Quality tab"),
            DeploymentGates.DocumentationGateName when subject.Details is { MissingSections.Count: > 0 } details => new(
                $"{Sections(details.MissingSections.Count)} missing — {string.Join(", ", details.MissingSections.Select(ModelCard.Title))};",
                RegistryLinks.ModelTab(subject.Model, "card"), "edit the model card"),
            DeploymentGates.DocumentationGateName => new(
                "The required sections of the model card written;", RegistryLinks.ModelTab(subject.Model, "card"), "edit the model card"),
            DeploymentGates.NamingGateName => new(
                "Keys that follow the registry's naming rules: register the model or dataset under a conforming key, or ask an administrator about the rule."),
            DeploymentGates.CiGateName => new(
                $"CI evidence of {v} within the environment's limits, recorded by your pipeline (POST {RegistryLinks.ApiModelVersion(subject.Model, subject.Version)}/ci-evidence);",
                RegistryLinks.ModelVersion(subject.Model, subject.Version), $"see {v}"),
            DeploymentGates.AlertsGateName => new(
                $"No critical alert firing in {subject.Environment}: resolve its cause or the alert;",
                MonitoringLinks.Dashboard(subject.Model, subject.Environment), "open the dashboard"),
            _ => null,
        };
    }

    /// <summary>The titles of the blocking gates that fail: the reasons an approval is refused.</summary>
    public static IReadOnlyList<string> FailingBlocking(IEnumerable<GateResult> gates) =>
        [.. (gates ?? []).Where(g => g.Blocking && !g.Passed).Select(g => GatesList.Title(g.Name))];

    private static string Sections(int count) => count == 1 ? "1 section" : string.Create(CultureInfo.InvariantCulture, $"{count} sections");
}
