using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using AfterSales.Web.Infrastructure.Postgres;
using AfterSales.Web.Infrastructure.Seeding;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// Faults of the database under a working app, on a cluster of the test's own: a restart and killed sessions while
/// calls are being logged lose no acknowledged call and give no 500 once the database is back; while it is down pages
/// say 503 with Retry-After and readiness answers within a second, and each such request is one warning in the log.
/// </summary>
[Collection(AppTests.Name)]
public sealed class DatabaseFaultTests(AppFixture app, ITestOutputHelper output)
{
    private sealed record Answer(DateTime At, int Status, string? Number);

    [Fact]
    public async Task A_restart_and_killed_sessions_during_intake_lose_no_acknowledged_call_then_an_outage_answers_503_and_readiness_within_a_second()
    {
        Assert.NotNull(app.BaseAddress); // the fixture's environment (Testing, migrations at start) applies to the instance below
        var root = Path.Combine(Path.GetTempPath(), "aftersales-faults-" + Guid.NewGuid().ToString("N")[..8]);
        LocalPostgres? cluster = null;
        AppInstance? instance = null;
        try
        {
            // fsync and synchronous commit stay on: a crash must not take back what was acknowledged.
            cluster = await LocalPostgres.StartAsync(root, forTests: true, durable: true);
            await cluster.CreateDatabaseIfMissingAsync("aftersales");
            var owner = cluster.ConnectionString("aftersales");
            var appRole = new NpgsqlConnectionStringBuilder(owner) { Username = AppFixture.AppRole, Password = "aftersales-test-app" }.ConnectionString;
            var logs = Path.Combine(root, "logs");
            instance = AppInstance.Start(("ConnectionStrings:AfterSales", appRole), ("ConnectionStrings:AfterSalesOwner", owner), ("Logging:Folder", logs));
            string model;
            await using (var scope = instance.Services.CreateAsyncScope())
            {
                DatabaseRoles.UseOwner(scope.ServiceProvider);
                var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
                await seeder.SeedStaffAsync(20261127, CancellationToken.None);
                await seeder.SeedCatalogAsync(CancellationToken.None);
                model = (await TestData.ModelAsync(scope.ServiceProvider.GetRequiredService<Data.AfterSalesDbContext>())).Id.ToString(CultureInfo.InvariantCulture);
            }

            var answers = new ConcurrentBag<Answer>();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 2).Select(async i =>
            {
                using var desk = new AppClient(instance.BaseAddress);
                await desk.SignedInAsync("desk" + (i + 1));
                while (!stop.IsCancellationRequested)
                {
                    answers.Add(await LogCallAsync(desk, model));
                }
            }).ToList();

            // The faults, each with its window: from the fault until a second after the database is back.
            var windows = new List<(DateTime From, DateTime To)>();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var restart = Stopwatch.StartNew();
            var from = DateTime.UtcNow;
            await cluster.RestartAsync(crash: false);
            windows.Add((from, DateTime.UtcNow.AddSeconds(1)));
            output.WriteLine($"restart took {restart.ElapsedMilliseconds} ms");
            await Task.Delay(TimeSpan.FromSeconds(4));

            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner) { Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync();
                await using (var setting = new NpgsqlCommand("show synchronous_commit", connection))
                {
                    Assert.Equal("on", await setting.ExecuteScalarAsync());
                }

                from = DateTime.UtcNow;
                await using var kill = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where usename = @role", connection);
                kill.Parameters.AddWithValue("role", AppFixture.AppRole);
                output.WriteLine($"killed {await kill.ExecuteScalarAsync()} sessions of the app");
                windows.Add((from, DateTime.UtcNow.AddSeconds(1)));
            }

            await Task.Delay(TimeSpan.FromSeconds(4));

            // A crash: the server is stopped as by a power cut and comes back through crash recovery (57P03 meanwhile).
            var crash = Stopwatch.StartNew();
            from = DateTime.UtcNow;
            await cluster.RestartAsync(crash: true);
            windows.Add((from, DateTime.UtcNow.AddSeconds(1)));
            output.WriteLine($"crash restart took {crash.ElapsedMilliseconds} ms");
            await Task.Delay(TimeSpan.FromSeconds(4));
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            var all = answers.ToList();
            var acknowledged = all.Where(a => a.Number is not null).Select(a => a.Number!).ToArray();
            output.WriteLine($"{all.Count} answers: " + string.Join(", ", all.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}")));
            Assert.True(acknowledged.Length > 10, $"only {acknowledged.Length} calls acknowledged");
            output.WriteLine("500 inside a fault's window: " + all.Count(a => a.Status == 500));
            Assert.DoesNotContain(all, a => a.Status == 500 && !windows.Any(w => a.At >= w.From && a.At <= w.To));
            Assert.All(all, a => Assert.True(a.Status is 302 or 503 or 500, $"answered {a.Status}"));

            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner) { Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync();
                await using var stored = new NpgsqlCommand("select count(*) from tickets where number = any(@numbers)", connection);
                stored.Parameters.AddWithValue("numbers", acknowledged);
                Assert.Equal((long)acknowledged.Distinct().Count(), await stored.ExecuteScalarAsync());
                Assert.Equal(acknowledged.Length, acknowledged.Distinct().Count());
                await using var duplicated = new NpgsqlCommand("select count(*) - count(distinct intake_key) from tickets where intake_key is not null", connection);
                Assert.Equal(0L, await duplicated.ExecuteScalarAsync());
            }

            // The database goes down: pages say 503 with Retry-After (and the request's id), readiness answers fast.
            using var reader = new AppClient(instance.BaseAddress);
            await reader.SignedInAsync("desk3");
            using var anonymous = new AppClient(instance.BaseAddress);
            using (var warm = await anonymous.GetAsync("/Account/Login"))
            {
                Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
            }

            await cluster.StopServerAsync();
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                using var ready = await anonymous.GetAsync("/health/ready"); // as a load balancer asks: no session
                output.WriteLine($"/health/ready with the database down: {(int)ready.StatusCode} in {clock.ElapsedMilliseconds} ms");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"readiness took {clock.ElapsedMilliseconds} ms");
            }

            var outageIds = new List<string>();
            foreach (var (client, url) in new[] { (reader, "/Tickets"), (reader, "/Tickets/New"), (anonymous, "/Account/Login") })
            {
                var clock = Stopwatch.StartNew();
                using var page = await client.GetAsync(url);
                output.WriteLine($"{url} with the database down: {(int)page.StatusCode} in {clock.ElapsedMilliseconds} ms");
                Assert.True(page.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.OK, $"{url} answered {(int)page.StatusCode}");
                if (page.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.Equal(DatabaseOutage.RetryAfterSeconds, page.Headers.GetValues("Retry-After").Single());
                    outageIds.Add(page.Headers.GetValues("X-Correlation-Id").Single());
                }
            }

            using (var tickets = await reader.GetAsync("/Tickets"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, tickets.StatusCode);
                outageIds.Add(tickets.Headers.GetValues("X-Correlation-Id").Single());
            }

            // Each refused request is one warning line in the log (its correlation id on it), no error from EF per command.
            await Task.Delay(500);
            var lines = Directory.GetFiles(logs).SelectMany(ReadShared).ToList();
            foreach (var id in outageIds)
            {
                var mine = lines.Where(l => l.Contains(id, StringComparison.Ordinal)).ToList();
                output.WriteLine($"log of {id}: " + string.Join(" | ", mine));
                Assert.Single(mine);
                Assert.Contains("[WRN]", mine[0], StringComparison.Ordinal);
                Assert.Contains("answered 503", mine[0], StringComparison.Ordinal);
            }

            // Back: the same browser carries on.
            await cluster.StartServerAsync();
            await Eventually(async () =>
            {
                using var page = await reader.GetAsync("/Tickets");
                return page.StatusCode == HttpStatusCode.OK;
            });
        }
        finally
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }
    }

    private static int _calls;

    private static async Task<Answer> LogCallAsync(AppClient desk, string model)
    {
        var call = Interlocked.Increment(ref _calls);
        try
        {
            using var page = await desk.GetAsync("/Tickets/New");
            if (page.StatusCode != HttpStatusCode.OK)
            {
                await Task.Delay(200);
                return new Answer(DateTime.UtcNow, (int)page.StatusCode, null);
            }

            var form = await AppClient.ParseAsync(page);
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
                ["Input.IntakeKey"] = form.QuerySelector<IHtmlInputElement>("#Input_IntakeKey")!.Value,
                ["Input.Phone"] = "139" + call.ToString("D8", CultureInfo.InvariantCulture),
                ["Input.CustomerName"] = "陈女士",
                ["Input.CustomerKind"] = "Person",
                ["Input.Address"] = "深圳市南山区科技园",
                ["Input.ProductModelId"] = model,
                ["Input.SerialNumber"] = "KF2201-" + call.ToString(CultureInfo.InvariantCulture),
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
            using var saved = await desk.PostAsync("/Tickets/New", fields);
            var number = saved.StatusCode == HttpStatusCode.Redirect ? saved.Headers.Location!.PathAndQuery().Split('/', '?')[2] : null;
            return new Answer(DateTime.UtcNow, (int)saved.StatusCode, number);
        }
        catch (HttpRequestException)
        {
            return new Answer(DateTime.UtcNow, 0, null);
        }
    }

    /// <summary>A log file's lines while the app still writes it.</summary>
    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the app never recovered");
            await Task.Delay(300);
        }
    }
}
