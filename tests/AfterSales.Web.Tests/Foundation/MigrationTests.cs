using AfterSales.Web.Data;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.Web.Tests.Foundation;

public sealed class MigrationTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Several_instances_migrating_a_new_database_at_once_all_succeed()
    {
        var builder = new NpgsqlConnectionStringBuilder(App.ConnectionString);
        var name = "aftersales_migrate_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(App.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var db = DesignTimeDbContextFactory.Create(builder.ConnectionString);
            await DatabaseMigrator.MigrateAsync(db);
        }));

        await using var check = DesignTimeDbContextFactory.Create(builder.ConnectionString);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(check.Database.GetMigrations().Count(), (await check.Database.GetAppliedMigrationsAsync()).Count());
        NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task The_database_collates_so_trigram_search_sees_chinese()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select show_trgm('维修空调')", connection);
        var trigrams = (string[])(await command.ExecuteScalarAsync())!;
        Assert.NotEmpty(trigrams);
    }
}
