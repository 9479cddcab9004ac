using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Postgres;
using AfterSales.Web.Infrastructure.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace AfterSales.Web.Tests.Infrastructure;

/// <summary>
/// One running application (real Kestrel, so a browser can reach it) on one real PostgreSQL for the
/// whole test run. Migrations run once, at app start, as in production. Staff, roles and the
/// catalog are seeded once and kept; everything else is wiped by Respawn before each test.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string Password = "aftersales-demo";

    private static readonly string[] KeptTables =
        ["__EFMigrationsHistory", "AspNetRoles", "AspNetUsers", "AspNetUserRoles", "AspNetRoleClaims", "data_protection_keys", "product_categories", "product_models", "technician_profiles", "calendar_days", "calendar_years", "discipline_rules"];

    private TestDatabase? _database;
    private Respawner? _respawner;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The role the app itself connects as in the tests: it owns nothing (migrations create it and grant its rights).</summary>
    public const string AppRole = "aftersales_test_app";

    /// <summary>The owner's (a superuser's) connection: the tests arrange and inspect data with it; migrations run as it.</summary>
    public string ConnectionString => _database!.ConnectionString;

    /// <summary>The app's own connection: a role with rights on rows only.</summary>
    public string AppConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Username = AppRole, Password = "aftersales-test-app" }.ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.StartAsync();
        try
        {
            await StartAppAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop the cluster here, or it outlives the run.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAppAsync()
    {
        // The app reads these while building, before any factory hook could run.
        Environment.SetEnvironmentVariable("ConnectionStrings__AfterSalesOwner", ConnectionString);
        Environment.SetEnvironmentVariable("ConnectionStrings__AfterSales", AppConnectionString);
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", "Testing");
        Environment.SetEnvironmentVariable("Database__MigrateOnStart", "true");
        Environment.SetEnvironmentVariable("Demo__Password", Password);
        Environment.SetEnvironmentVariable("Logging__Folder", "none");
        Environment.SetEnvironmentVariable("Discipline__DailyScan", "false");
        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");

        Factory = new WebApplicationFactory<Program>();
        Factory.UseKestrel(0);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            DatabaseRoles.UseOwner(scope.ServiceProvider);
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            await seeder.SeedStaffAsync(20261127, CancellationToken.None);
            await seeder.SeedCatalogAsync(CancellationToken.None);
            await seeder.SeedTechniciansAsync(CancellationToken.None);
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = KeptTables.Select(t => new Respawn.Graph.Table("public", t)).ToArray(),
        });
    }

    /// <summary>Wipes what the previous test made; demo staff are back to enabled, unlocked, with their seeded roles.</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var demoNames = DemoSeeder.StaffPlan.SelectMany(s => Enumerable.Range(1, s.Count).Select(i => s.Prefix + i)).ToArray();
        // Published months are frozen, TRUNCATE included: the owner removes them with the triggers held off.
        await using (var frozen = new NpgsqlCommand("set session_replication_role = replica; delete from monthly_tallies; reset session_replication_role;", connection))
        {
            await frozen.ExecuteNonQueryAsync();
        }

        await _respawner!.ResetAsync(connection);
        await using var command = new NpgsqlCommand(
            """
            delete from "AspNetUsers" where not (user_name = any(@names));
            update "AspNetUsers" set access_failed_count = 0, lockout_end = null, is_disabled = false,
                password_hash = (select password_hash from "AspNetUsers" where user_name = 'admin2');
            """, connection);
        command.Parameters.AddWithValue("names", demoNames);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A context of the app's model for arranging and checking data, connected as the owner.</summary>
    public AfterSalesDbContext NewDbContext()
    {
        var services = Factory.Services.CreateScope().ServiceProvider;
        DatabaseRoles.UseOwner(services);
        return services.GetRequiredService<AfterSalesDbContext>();
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppTests : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>Base for tests against the running app: a clean database before each test.</summary>
[Collection(AppTests.Name)]
public abstract class AppTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;

    public virtual Task InitializeAsync() => App.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected AppClient Client() => new(App);
}
