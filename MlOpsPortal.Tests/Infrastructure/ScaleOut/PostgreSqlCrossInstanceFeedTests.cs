using MlOpsPortal.Tests.Features.Monitoring;

namespace MlOpsPortal.Tests.Infrastructure.ScaleOut;

/// <summary>The cross-instance feed's scenarios on one PostgreSQL database, read through the generated point ids.</summary>
public sealed class PostgreSqlCrossInstanceFeedTests() : CrossInstanceFeedTests(onPostgreSql: true);
