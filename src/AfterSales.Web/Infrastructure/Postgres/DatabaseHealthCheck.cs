using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>Readiness of one database: a connection and <c>select 1</c> within <see cref="DatabaseProbe.Deadline"/>, never retried, so /health/ready answers in under a second even when the database is down.</summary>
public sealed class DatabaseHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await DatabaseProbe.FailureAsync(connectionString, cancellationToken) is { } failure
            ? new HealthCheckResult(context.Registration.FailureStatus, failure.Message)
            : HealthCheckResult.Healthy();
}
