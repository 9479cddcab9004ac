using System.Globalization;
using System.Net;
using AfterSales.Web.Infrastructure.Postgres;
using AfterSales.Web.Infrastructure.Seeding;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>A fact that needs <c>pg_basebackup</c> to build a streaming standby; skipped, saying why, on a machine without it.</summary>
public sealed class StreamingReplicaFactAttribute : FactAttribute
{
    public StreamingReplicaFactAttribute()
    {
        var bin = LocalPostgres.FindBinaries();
        if (bin is null || LocalPostgres.FindTool(bin, "pg_basebackup") is null)
        {
            Skip = "pg_basebackup is not installed (apt-get install postgresql): no streaming replica can be built on this machine.";
        }
    }
}

/// <summary>
/// Against a real streaming replica built from the machine's binaries (primary, pg_basebackup -R standby on its own
/// port): lists read the hot standby, saves and the pages that must see them read the primary, and lists keep
/// answering from the primary when the standby stops.
/// </summary>
[Collection(AppTests.Name)]
public sealed class ReadReplicaTests(AppFixture app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [StreamingReplicaFact]
    public async Task Lists_read_the_standby_while_saves_and_the_pages_after_them_read_the_primary_and_lists_fall_back_when_the_standby_stops()
    {
        Assert.NotNull(app.BaseAddress); // the fixture's environment (Testing, migrations at start) applies to the instance below
        var root = Path.Combine(Path.GetTempPath(), "aftersales-replica-" + Guid.NewGuid().ToString("N")[..8]);
        LocalPostgres? primary = null;
        LocalPostgres? standby = null;
        AppInstance? instance = null;
        try
        {
            primary = await LocalPostgres.StartAsync(Path.Combine(root, "primary"), forTests: true);
            var walLevel = await ScalarAsync<string>(primary.ConnectionString("postgres"), "show wal_level");
            Assert.True(walLevel is "replica" or "logical", $"wal_level is {walLevel}");
            await primary.CreateDatabaseIfMissingAsync("aftersales");
            standby = await primary.StartStandbyAsync(Path.Combine(root, "standby"));
            Assert.NotNull(standby);
            var primaryDb = primary.ConnectionString("aftersales");
            var standbyDb = standby.ConnectionString("aftersales");
            await EventuallyAsync(async () => await ScalarAsync<long>(primaryDb, "select count(*) from pg_stat_replication where state = 'streaming'") == 1, "the standby never streamed");
            Assert.True(await ScalarAsync<bool>(standbyDb, "select pg_is_in_recovery()"));

            var readOnly = new NpgsqlConnectionStringBuilder(primaryDb)
            {
                Host = $"127.0.0.1:{standby.Port},127.0.0.1:{primary.Port}",
                TargetSessionAttributes = "prefer-standby",
            }.ConnectionString;
            instance = AppInstance.Start(
                ("ConnectionStrings:AfterSales", primaryDb),
                ("ConnectionStrings:AfterSalesOwner", primaryDb),
                ("ConnectionStrings:AfterSalesReadOnly", readOnly),
                ("Database:ReadYourWrites", "00:00:08"));
            Assert.Equal(primaryDb, instance.Services.GetRequiredService<IConfiguration>().GetConnectionString("AfterSales"));
            string model;
            await using (var scope = instance.Services.CreateAsyncScope())
            {
                var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
                await seeder.SeedStaffAsync(20261127, CancellationToken.None);
                await seeder.SeedCatalogAsync(CancellationToken.None);
                var db = scope.ServiceProvider.GetRequiredService<Data.AfterSalesDbContext>();
                model = (await TestData.ModelAsync(db)).Id.ToString(CultureInfo.InvariantCulture);
            }

            await CaughtUpAsync(primaryDb, standbyDb);
            using var reader = new AppClient(instance.BaseAddress);
            await reader.SignedInAsync("desk2");
            using var writer = new AppClient(instance.BaseAddress);
            await writer.SignedInAsync("desk1");
            await Task.Delay(TimeSpan.FromSeconds(8.5)); // signing in was a write: its read-your-writes window passes

            // The list reads the standby: the read connections are there, under their own name.
            Assert.Empty(await RowsAsync(reader));
            Assert.True(
                await ScalarAsync<long>(standbyDb, $"select count(*) from pg_stat_activity where application_name = '{ReadRouting.ApplicationName}'") > 0,
                "no read connection on the standby");

            // Replay paused: whatever the primary commits now is not on the standby.
            await ScalarAsync<object>(standbyDb, "select pg_wal_replay_pause()");
            var form = await NewCallFormAsync(writer, model);
            using var saved = await writer.PostFormAsync("/Tickets/New", form);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var location = saved.Headers.Location!.PathAndQuery();
            var number = location.Split('/', '?')[2];

            // The save went to the primary, and the page after the save reads the primary.
            Assert.Equal(1, await CountTicketAsync(primaryDb, number));
            Assert.Equal(0, await CountTicketAsync(standbyDb, number));
            var details = await writer.GetDocumentAsync(location);
            Assert.Equal(number, details.QuerySelector("[data-testid=ticket-number]")!.TextContent.Trim());

            // Right after their own save the writer's list reads the primary; everyone else reads the standby's snapshot.
            Assert.Contains(number, await RowsAsync(writer));
            Assert.Empty(await RowsAsync(reader));

            // Once the standby replays the save, the list shows it from the standby.
            await ScalarAsync<object>(standbyDb, "select pg_wal_replay_resume()");
            await EventuallyAsync(async () => (await RowsAsync(reader)).Contains(number), "the list never showed the replayed ticket");

            // The standby stops: the list still answers, from the primary.
            await standby.DisposeAsync();
            standby = null;
            Assert.Contains(number, await RowsAsync(reader));
            using var health = await reader.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            if (standby is not null)
            {
                await standby.DisposeAsync();
            }

            if (primary is not null)
            {
                await primary.DisposeAsync();
            }

            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<Dictionary<string, string>> NewCallFormAsync(AppClient client, string model)
    {
        var page = await client.GetDocumentAsync("/Tickets/New");
        return new Dictionary<string, string>
        {
            ["Input.IntakeKey"] = page.QuerySelector<IHtmlInputElement>("#Input_IntakeKey")!.Value,
            ["Input.Phone"] = "139 1234 5678",
            ["Input.CustomerName"] = "陈女士",
            ["Input.CustomerKind"] = "Person",
            ["Input.Address"] = "深圳市南山区科技园",
            ["Input.ProductModelId"] = model,
            ["Input.SerialNumber"] = "KF2201-0001",
            ["Input.PurchaseDate"] = TestData.Today.AddYears(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.HasProof"] = "true",
            ["Input.Channel"] = "Phone",
            ["Input.Kind"] = "Repair",
            ["Input.FaultDescription"] = "空调开机后不制冷，外机不转",
            ["Input.Urgency"] = "High",
            ["Input.ServiceMode"] = "OnSite",
            ["Input.PreferredTime"] = "周六上午",
            ["Input.EstimatedAmount"] = "350",
        };
    }

    private static async Task<List<string>> RowsAsync(AppClient client) =>
        (await client.GetDocumentAsync("/Tickets")).QuerySelectorAll("[data-testid=ticket-row]").Select(r => r.GetAttribute("data-number")!).ToList();

    private static async Task<long> CountTicketAsync(string connectionString, string number)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from tickets where number = @n", connection);
        command.Parameters.AddWithValue("n", number);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until the standby has replayed everything the primary has written so far.</summary>
    private static async Task CaughtUpAsync(string primary, string standby)
    {
        var written = await ScalarAsync<string>(primary, "select pg_current_wal_lsn()::text");
        await EventuallyAsync(
            async () => await ScalarAsync<bool>(standby, $"select pg_last_wal_replay_lsn() >= '{written}'::pg_lsn"),
            "the standby never caught up");
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        // A connection of its own, outside the app's pools.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is T typed ? typed : default!;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(200);
        }
    }
}
