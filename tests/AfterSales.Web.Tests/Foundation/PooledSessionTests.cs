using AfterSales.Web.Infrastructure.Postgres;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// Pooled connections keep their PostgreSQL session between requests, so the plans cached for the triggers'
/// statements (a ticket insert: ~30 ms planned afresh, ~1.5 ms warm) survive from one request to the next.
/// </summary>
public sealed class PooledSessionTests(AppFixture app) : AppTest(app)
{
    private string AppString(string? extra = null)
    {
        var configuration = App.Factory.Services.GetRequiredService<IConfiguration>();
        var configured = configuration.GetConnectionString(DatabaseConnection.Name)!;
        var withExtra = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{DatabaseConnection.Name}"] = extra is null ? configured : configured + ";" + extra })
            .Build();
        return new NpgsqlConnectionStringBuilder(DatabaseConnection.WithPoolLimit(withExtra)) { ApplicationName = "pooled-session-probe-" + Guid.NewGuid().ToString("N")[..8], MaxPoolSize = 1 }.ConnectionString;
    }

    private static async Task<bool> SessionSurvivesReturnToPoolAsync(string connectionString)
    {
        await using (var first = new NpgsqlConnection(connectionString))
        {
            await first.OpenAsync();
            await using var prepare = new NpgsqlCommand("PREPARE pooled_probe AS SELECT 1", first);
            await prepare.ExecuteNonQueryAsync();
        }

        await using var second = new NpgsqlConnection(connectionString);
        await second.OpenAsync();
        await using var look = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE name = 'pooled_probe'", second);
        var survived = (long)(await look.ExecuteScalarAsync())! == 1;
        NpgsqlConnection.ClearPool(second);
        return survived;
    }

    [Fact]
    public async Task The_apps_pooled_connections_are_not_reset_between_uses()
    {
        Assert.True(new NpgsqlConnectionStringBuilder(AppString()).NoResetOnClose);
        Assert.True(await SessionSurvivesReturnToPoolAsync(AppString()));
    }

    [Fact]
    public async Task A_connection_string_that_asks_for_the_reset_keeps_it()
    {
        var connectionString = AppString("No Reset On Close=false");
        Assert.False(new NpgsqlConnectionStringBuilder(connectionString).NoResetOnClose);
        Assert.False(await SessionSurvivesReturnToPoolAsync(connectionString));
    }
}
