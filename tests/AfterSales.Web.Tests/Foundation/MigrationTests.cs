using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>Migrations that move data, run against a database holding what the earlier schema held.</summary>
public sealed class MigrationTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Published_months_get_the_ids_of_the_records_their_snapshot_counts_and_stay_frozen()
    {
        var name = "aftersales_mig_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(App.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(App.ConnectionString) { Database = name }.ConnectionString;
        try
        {
            await using var db = App.NewDbContext();
            db.Database.SetConnectionString(connectionString);
            var migrator = db.GetInfrastructure().GetService(typeof(IMigrator)) as IMigrator;
            await migrator!.MigrateAsync("CompletedWorkIndexes");

            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var insert = new NpgsqlCommand(
                    """
                    insert into monthly_tallies (id, month, status, hour_quota, lines, submitted_by, submitted_at)
                    values (1, '2026-09', 'Published', 120, @lines::jsonb, 'm1', now()),
                           (2, '2026-10', 'Draft', 0, '[]'::jsonb, null, null)
                    """, connection);
                insert.Parameters.AddWithValue("lines", """
                    [{"employeeId":"u1","records":[{"id":9,"withdrawn":false},{"id":5},{"id":3,"withdrawn":true}],"work":[{"workOrderId":1}]},
                     {"employeeId":"u2","records":[]}]
                    """);
                await insert.ExecuteNonQueryAsync();
            }

            await migrator.MigrateAsync();

            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var read = new NpgsqlCommand("select month, counted_record_ids, withdrawn_record_ids from monthly_tallies order by month", connection);
                await using (var reader = await read.ExecuteReaderAsync())
                {
                    Assert.True(await reader.ReadAsync());
                    Assert.Equal("2026-09", reader.GetString(0));
                    Assert.Equal([5L, 9L], (long[])reader[1]);
                    Assert.Equal([3L], (long[])reader[2]);
                    Assert.True(await reader.ReadAsync());
                    Assert.Equal("2026-10", reader.GetString(0));
                    Assert.Empty((long[])reader[1]);
                    Assert.Empty((long[])reader[2]);
                }

                await using var change = new NpgsqlCommand("update monthly_tallies set hour_quota = 1 where month = '2026-09'", connection);
                var refused = await Assert.ThrowsAsync<PostgresException>(() => change.ExecuteNonQueryAsync());
                Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(App.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
