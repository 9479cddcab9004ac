using System.Net.Sockets;
using AfterSales.Web.Infrastructure.Postgres;
using Npgsql;
using Testcontainers.PostgreSql;

namespace AfterSales.Web.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests, from the first source that works:
/// <c>AFTERSALES_TEST_DB</c> (a server connection string; a fresh database is made on it),
/// else a Testcontainers postgres:16 when a Docker engine answers,
/// else a throwaway cluster from the machine's binaries in a temp folder (removed afterwards).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private LocalPostgres? _local;
    private PostgreSqlContainer? _container;

    public string ConnectionString { get; private set; } = "";

    public string Source { get; private set; } = "";

    public static async Task<TestDatabase> StartAsync()
    {
        var db = new TestDatabase();
        var configured = Environment.GetEnvironmentVariable("AFTERSALES_TEST_DB");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            db.ConnectionString = await FreshDatabaseAsync(configured);
            db.Source = "AFTERSALES_TEST_DB";
        }
        else if (await DockerAnswersAsync())
        {
            db._container = new PostgreSqlBuilder("postgres:16")
                .WithCommand("-c", "fsync=off")
                .Build();
            await db._container.StartAsync();
            db.ConnectionString = db._container.GetConnectionString();
            db.Source = "Testcontainers";
        }
        else
        {
            if (LocalPostgres.FindBinaries() is null)
            {
                throw new InvalidOperationException("Tests need PostgreSQL: " + LocalPostgres.MissingBinariesMessage + " Or set AFTERSALES_TEST_DB.");
            }

            var folder = Path.Combine(Path.GetTempPath(), "aftersales-tests-" + Guid.NewGuid().ToString("N")[..8]);
            db._local = await LocalPostgres.StartAsync(folder, forTests: true);
            await db._local.CreateDatabaseIfMissingAsync("aftersales_tests");
            db.ConnectionString = db._local.ConnectionString("aftersales_tests");
            db.Source = "local cluster in " + folder;
        }

        return db;
    }

    private static async Task<string> FreshDatabaseAsync(string serverConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString);
        var name = "aftersales_tests_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }

    private static async Task<bool> DockerAnswersAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host) && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return true; // a remote engine was configured on purpose
        }

        var socketPath = string.IsNullOrEmpty(host) ? "/var/run/docker.sock" : host["unix://".Length..];
        if (!File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            var request = "GET /_ping HTTP/1.0\r\n\r\n"u8.ToArray();
            await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            var buffer = new byte[64];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return read > 0 && System.Text.Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }
}
