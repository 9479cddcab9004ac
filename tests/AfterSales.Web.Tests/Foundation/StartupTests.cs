using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AfterSales.Web.Infrastructure.Postgres;
using AfterSales.Web.Tests.Infrastructure;
using Npgsql;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// Starting the published app as operators do: several migrations at once on one fresh database all succeed, and a
/// start that cannot succeed says why and what to do in one line, exit code 1, no stack trace.
/// </summary>
public sealed class StartupTests(AppFixture app) : AppTest(app)
{
    private sealed record Run(int ExitCode, string Out, string Err)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
    }

    private static async Task<Run> RunAppAsync(IDictionary<string, string?> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", ["AfterSales.Web.dll", .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Nothing of the fixture's own setup: each run says what it connects to.
        psi.Environment.Remove("ConnectionStrings__AfterSales");
        psi.Environment.Remove("ConnectionStrings__AfterSalesOwner");
        psi.Environment["Logging__Folder"] = "none";
        psi.Environment["Serilog__MinimumLevel__Default"] = "Information";
        psi.Environment["Database__MigrateOnStart"] = "false";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    private static void AssertOneLineFailure(Run run, params string[] expected)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, run.ToString());
        foreach (var text in expected)
        {
            Assert.True(lines[0].Contains(text, StringComparison.Ordinal), $"'{text}' missing: {run}");
        }

        Assert.DoesNotContain("   at ", run.Out + run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERR]", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("[FTL]", run.Out, StringComparison.Ordinal);
    }

    private static string OnDatabase(string connectionString, string database) => new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    [Fact]
    public async Task Three_parallel_migrate_runs_on_a_fresh_database_all_succeed_without_an_error_log()
    {
        var name = "aftersales_par_" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__AfterSalesOwner"] = OnDatabase(App.ConnectionString, name),
            ["ConnectionStrings__AfterSales"] = OnDatabase(App.AppConnectionString, name),
            ["Bootstrap__AdminUserName"] = "chief",
            ["Bootstrap__AdminPassword"] = "the first administrator's long password",
        };
        try
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunAppAsync(environment, "migrate")));
            foreach (var run in runs)
            {
                Assert.True(run.ExitCode == 0, run.ToString());
                Assert.DoesNotContain("[ERR]", run.Out, StringComparison.Ordinal);
                Assert.DoesNotContain("23505", run.Out + run.Err, StringComparison.Ordinal);
            }

            await using var connection = new NpgsqlConnection(OnDatabase(App.AppConnectionString, name));
            await connection.OpenAsync();
            await using var check = new NpgsqlCommand(
                """
                select (select count(*) from "AspNetRoles"), (select string_agg(user_name, ',') from "AspNetUsers"),
                       (select count(*) from calendar_days) > 0, (select count(*) from discipline_rules) > 0,
                       (select count(*) from "__EFMigrationsHistory")
                """, connection);
            await using var reader = await check.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(6L, reader.GetInt64(0));
            Assert.Equal("chief", reader.GetString(1));
            Assert.True(reader.GetBoolean(2));
            Assert.True(reader.GetBoolean(3));
            Assert.True(reader.GetInt64(4) > 10);
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

    [Fact]
    public async Task A_pool_that_would_take_the_servers_reserved_connections_is_made_smaller_with_a_warning()
    {
        var run = await RunAppAsync(
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__AfterSalesOwner"] = App.ConnectionString,
                ["ConnectionStrings__AfterSales"] = App.AppConnectionString,
                ["Database__MaxPoolSize"] = "5000",
            },
            "migrate");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("WRN] Database:MaxPoolSize 5000 would take the server's reserved connections", run.Out, StringComparison.Ordinal);
        Assert.Contains("using a pool of", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERR]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_one_line_naming_the_connection_string()
    {
        var wrong = new NpgsqlConnectionStringBuilder(App.AppConnectionString) { Password = "not the password" }.ConnectionString;
        var run = await RunAppAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__AfterSales"] = wrong,
        });
        AssertOneLineFailure(run, "password", "ConnectionStrings__AfterSales");
    }

    [Fact]
    public async Task An_unreachable_database_when_migrating_is_one_line_naming_host_and_port()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var run = await RunAppAsync(
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__AfterSales"] = $"Host=127.0.0.1;Port={port};Database=x;Username=y;Password=z",
            },
            "migrate");
        AssertOneLineFailure(run, $"127.0.0.1:{port}", "ConnectionStrings__AfterSales");
    }

    [Fact]
    public async Task A_busy_port_is_one_line_naming_the_address_and_the_fix()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var run = await RunAppAsync(
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__AfterSales"] = App.AppConnectionString,
                ["Discipline__DailyScan"] = "false",
            },
            "--urls", $"http://127.0.0.1:{port}");
        AssertOneLineFailure(run, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--urls");
    }

    [Fact]
    public async Task A_setting_out_of_range_is_one_line_naming_it_and_what_it_accepts()
    {
        var run = await RunAppAsync(
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__AfterSales"] = App.AppConnectionString,
                ["Discipline__DailyScan"] = "false",
                ["Search__NewestWindow"] = "10",
            },
            "--urls", "http://127.0.0.1:0");
        AssertOneLineFailure(run, "Search__NewestWindow", "50 to 100000");
    }

    [Fact]
    public async Task A_negative_exchange_step_stops_the_start_with_one_line_naming_the_setting()
    {
        var run = await RunAppAsync(
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__AfterSales"] = App.AppConnectionString,
                ["Discipline__DailyScan"] = "false",
                ["Exchange__StepHours"] = "-5",
            },
            "--urls", "http://127.0.0.1:0");
        AssertOneLineFailure(run, "Settings not valid: ", "Exchange__StepHours", "1 to 8760");
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_written_is_one_line_naming_the_folder_and_the_setting()
    {
        var file = Path.Combine(Path.GetTempPath(), "aftersales-not-a-folder-" + Guid.NewGuid().ToString("N")[..8]);
        await File.WriteAllTextAsync(file, "a file where the data folder's parent should be");
        try
        {
            var run = await RunAppAsync(new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["LocalDatabase__Path"] = Path.Combine(file, "postgres"),
            });
            AssertOneLineFailure(run, file, "LocalDatabase__Path");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_badly_permissioned_data_folder_is_one_line_with_the_servers_reason_the_fix_and_the_log()
    {
        var root = Path.Combine(Path.GetTempPath(), "aftersales-perm-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var cluster = await LocalPostgres.StartAsync(root, forTests: false))
            {
            }

            if (OperatingSystem.IsWindows())
            {
                return; // no Unix permissions to get wrong
            }

            File.SetUnixFileMode(Path.Combine(root, "data"), (UnixFileMode)0b111_111_111);
            var run = await RunAppAsync(new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["LocalDatabase__Path"] = root,
            });
            AssertOneLineFailure(run, "invalid permissions", "chmod 700", Path.Combine(root, "postgres.log"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
    [Fact]
    public async Task The_local_cluster_is_stopped_by_the_app_that_took_it_over_after_a_crash_and_a_stale_pid_file_is_handled()
    {
        var root = Path.Combine(Path.GetTempPath(), "aftersales-takeover-" + Guid.NewGuid().ToString("N")[..8]);
        var pidFile = Path.Combine(root, "data", "postmaster.pid");
        try
        {
            // An app starts the cluster and is killed: the server stays up.
            using (var first = await StartServingAsync(root))
            {
                first.Kill();
                await first.WaitForExitAsync();
            }

            Assert.True(File.Exists(pidFile), "the server stopped with the killed app");

            // The next app reuses it, and stops it when it stops.
            using (var second = await StartServingAsync(root))
            {
                await StopGracefullyAsync(second);
            }

            Assert.False(File.Exists(pidFile), "the app that took the server over left it running");

            // A postmaster.pid left by a crash, whose process id now belongs to another program (here: this test).
            await File.WriteAllTextAsync(pidFile, $"{Environment.ProcessId}\n{Path.Combine(root, "data")}\n0\n5432\n\n127.0.0.1\n0 0\nready\n");
            using (var third = await StartServingAsync(root))
            {
                await StopGracefullyAsync(third);
            }

            Assert.False(File.Exists(pidFile));
        }
        finally
        {
            if (File.Exists(pidFile))
            {
                var pid = (await File.ReadAllLinesAsync(pidFile))[0];
                using var kill = Process.Start("kill", ["-QUIT", pid]);
                await kill.WaitForExitAsync();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The app in Development on the local cluster in <paramref name="root"/>, once it says it is running.</summary>
    private static async Task<Process> StartServingAsync(string root)
    {
        var psi = new ProcessStartInfo("dotnet", ["AfterSales.Web.dll", "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment.Remove("ConnectionStrings__AfterSales");
        psi.Environment.Remove("ConnectionStrings__AfterSalesOwner");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["LocalDatabase__Path"] = root;
        psi.Environment["Demo__Seed"] = "false";
        psi.Environment["Logging__Folder"] = "none";
        psi.Environment["Serilog__MinimumLevel__Default"] = "Information";
        var process = Process.Start(psi)!;
        var seen = new System.Text.StringBuilder();
        _ = process.StandardError.ReadToEndAsync().ContinueWith(t => seen.Append(t.Result), TaskScheduler.Default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (line.Contains("AfterSales is running at", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return process;
            }
        }

        await process.WaitForExitAsync(CancellationToken.None);
        process.Dispose();
        throw new InvalidOperationException("The app never said it was running:\n" + seen);
    }

    private static async Task StopGracefullyAsync(Process process)
    {
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
    }
}
