using AfterSales.Web.Tests.Infrastructure;
using Npgsql;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// The database's own guards hold against the app: it connects as a role that owns nothing and may only read and
/// write rows, and a published month cannot vanish through TRUNCATE, whoever runs it.
/// </summary>
public sealed class DatabaseGuardTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_apps_role_cannot_truncate_disable_a_trigger_alter_drop_or_create_tables()
    {
        await using var connection = new NpgsqlConnection(App.AppConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
                 {
                     "truncate monthly_tallies",
                     "truncate tickets cascade",
                     "alter table monthly_tallies disable trigger monthly_tallies_frozen",
                     "alter table monthly_tallies disable trigger all",
                     "alter table tickets add column smuggled int",
                     "drop table audit_entries",
                     "drop trigger monthly_tallies_frozen on monthly_tallies",
                     "create table smuggled (id int)",
                     "create or replace function monthly_tallies_frozen() returns trigger language plpgsql as $$ begin return new; end $$",
                     "insert into \"__EFMigrationsHistory\" values ('x', 'y')",
                     "set session_replication_role = replica",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
        }

        await using var who = new NpgsqlCommand(
            "select r.rolsuper, r.rolcreaterole, r.rolcreatedb, (select count(*) from pg_class c where c.relowner = r.oid) from pg_roles r where r.rolname = current_user",
            connection);
        await using var reader = await who.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.False(reader.GetBoolean(0), "the app's role is a superuser");
        Assert.False(reader.GetBoolean(1));
        Assert.False(reader.GetBoolean(2));
        Assert.Equal(0L, reader.GetInt64(3));
    }

    [Fact]
    public async Task The_running_app_connects_as_its_own_role()
    {
        using var client = await Client().SignedInAsync("desk1");
        using var page = await client.GetAsync("/Tickets");
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where usename = @role and datname = current_database()", connection);
        command.Parameters.AddWithValue("role", AppFixture.AppRole);
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0, "no connection of the app's role");
    }

    [Fact]
    public async Task Truncate_of_the_tallies_is_refused_while_a_published_month_is_there_even_for_the_owner()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand(
                         """
                         insert into monthly_tallies (id, month, status, hour_quota, lines, submitted_by, submitted_at, published_by, published_at)
                         values (-1, '2020-01', 'Published', 120, '[]'::jsonb, 'm1', now(), 'm2', now())
                         """, connection))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await using var truncate = new NpgsqlCommand("truncate monthly_tallies", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => truncate.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        await using var count = new NpgsqlCommand("select count(*) from monthly_tallies where month = '2020-01'", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
