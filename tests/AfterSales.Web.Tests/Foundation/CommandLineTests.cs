using System.Diagnostics;
using AfterSales.Web.Tests.Infrastructure;
using Npgsql;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>The published entry point as operators use it: `dotnet AfterSales.Web.dll [migrate]`.</summary>
public sealed class CommandLineTests(AppFixture app) : AppTest(app)
{
    private static async Task<(int ExitCode, string Output)> RunAppAsync(IDictionary<string, string?> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", ["AfterSales.Web.dll", .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The fixture's owner connection (inherited by a child process) belongs to the fixture's database, not this run's.
        psi.Environment.Remove("ConnectionStrings__AfterSalesOwner");
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_connection_string()
    {
        var (code, output) = await RunAppAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__AfterSales"] = null,
            ["Logging__Folder"] = "none",
        });
        Assert.NotEqual(0, code);
        Assert.Contains("ConnectionStrings__AfterSales", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_applies_the_migrations_creates_roles_and_no_demo_users_then_exits()
    {
        var builder = new NpgsqlConnectionStringBuilder(App.ConnectionString);
        var name = "aftersales_cli_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(App.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        var (code, output) = await RunAppAsync(
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__AfterSales"] = builder.ConnectionString,
                ["Bootstrap__AdminUserName"] = "chief",
                ["Bootstrap__AdminPassword"] = "the first administrator's long password",
                ["Logging__Folder"] = "none",
            },
            "migrate");
        Assert.True(code == 0, output);

        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var roles = new NpgsqlCommand("""select count(*) from "AspNetRoles" """, connection);
        Assert.Equal(6L, await roles.ExecuteScalarAsync());
        await using var users = new NpgsqlCommand("""select string_agg(user_name, ',') from "AspNetUsers" """, connection);
        Assert.Equal("chief", await users.ExecuteScalarAsync());
        await using var customers = new NpgsqlCommand("select count(*) from customers", connection);
        Assert.Equal(0L, await customers.ExecuteScalarAsync());
        NpgsqlConnection.ClearAllPools();
    }
}
