using System.Globalization;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Deployments;

[FeatureContract]
public static class DeploymentLinks
{
    public const string Requests = "/deployments";
    public const string Inbox = "/deployments/approvals";
    public const string Policies = "/deployments/policies";

    public static string Request(int id) => "/deployments/" + id.ToString(CultureInfo.InvariantCulture);
}
