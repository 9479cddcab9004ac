using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>
/// Runs a private PostgreSQL cluster from the machine's own binaries (initdb/pg_ctl) in a data
/// folder: created on first use (UTF-8, LC_CTYPE C.UTF-8 so pg_trgm sees CJK characters), started on
/// a free loopback port, stopped on <see cref="DisposeAsync"/>. As root the server runs as the
/// <c>postgres</c> user, since PostgreSQL refuses to run as root. Authentication is scram-sha-256
/// with a generated password kept inside the data folder; nothing listens beyond 127.0.0.1.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    public const string SuperUser = "aftersales";
    private const string PasswordFileName = "aftersales.password";

    private readonly string _root;
    private readonly string _binDir;
    private readonly bool _forTests;
    private bool _startedHere;

    private LocalPostgres(string root, string binDir, bool forTests)
    {
        _root = root;
        _binDir = binDir;
        _forTests = forTests;
    }

    public string DataDirectory => Path.Combine(_root, "data");

    public int Port { get; private set; }

    public string Password { get; private set; } = "";

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// Finds the PostgreSQL binaries: on PATH, else the newest <c>/usr/lib/postgresql/*/bin</c>.
    /// Returns null when none are installed.
    /// </summary>
    public static string? FindBinaries()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    /// <summary>
    /// Another tool of the installation in <paramref name="binDir"/>: beside initdb, or beside the file pg_ctl links to
    /// (a PATH folder may hold links to a few tools only). Null when there is none.
    /// </summary>
    public static string? FindTool(string binDir, string tool)
    {
        var here = Path.Combine(binDir, tool);
        if (File.Exists(here))
        {
            return here;
        }

        var target = new FileInfo(Path.Combine(binDir, "pg_ctl")).ResolveLinkTarget(returnFinalTarget: true);
        var beside = target is null ? null : Path.Combine(Path.GetDirectoryName(target.FullName)!, tool);
        return beside is not null && File.Exists(beside) ? beside : null;
    }

    public const string MissingBinariesMessage =
        "PostgreSQL was not found on this machine, and no connection string is configured. Fix it in one of three ways: " +
        "(1) install PostgreSQL: `sudo apt-get install postgresql` (the app then runs its own cluster in .data/postgres); " +
        "(2) point the app at a server: set ConnectionStrings__AfterSales=\"Host=...;Database=aftersales;Username=...;Password=...\"; " +
        "(3) run everything in containers: `docker compose up`.";

    /// <summary>Starts (creating if needed) the cluster in <paramref name="root"/>.</summary>
    public static async Task<LocalPostgres> StartAsync(string root, bool forTests, CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(MissingBinariesMessage);
        var pg = new LocalPostgres(Path.GetFullPath(root), bin, forTests);
        await pg.StartAsync(cancellationToken);
        return pg;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var passwordFile = Path.Combine(_root, PasswordFileName);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitAsync(passwordFile, cancellationToken);
        }

        Password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();

        var runningPort = await RunningPortAsync(cancellationToken);
        if (runningPort is int port)
        {
            // A previous run left the server up (e.g. it was killed): reuse it.
            Port = port;
            return;
        }

        Port = FreePort();
        var options = $"-p {Port} -k {DataDirectory} -c listen_addresses=127.0.0.1";
        if (_forTests)
        {
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        var log = Path.Combine(_root, "postgres.log");
        EnsureOwned(log);
        await RunAsync("pg_ctl", ["-D", DataDirectory, "-o", options, "-l", log, "-w", "-t", "60", "start"], cancellationToken);
        _startedHere = true;
    }

    private async Task InitAsync(string passwordFile, CancellationToken cancellationToken)
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        Directory.CreateDirectory(DataDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // initdb reads the password from a file the server user can read; it is removed right after.
        var initPasswordFile = Path.Combine(_root, "initdb.pw");
        await File.WriteAllTextAsync(initPasswordFile, password, cancellationToken);
        try
        {
            EnsureOwned(_root);
            EnsureOwned(DataDirectory);
            EnsureOwned(initPasswordFile);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            await RunAsync(
                "initdb",
                ["-D", DataDirectory, "-E", "UTF8", "--locale=C.UTF-8", "-U", SuperUser, "-A", "scram-sha-256", "--pwfile", initPasswordFile],
                cancellationToken);
        }
        finally
        {
            File.Delete(initPasswordFile);
        }
    }

    private async Task<int?> RunningPortAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var (code, _) = await RunAsync("pg_ctl", ["-D", DataDirectory, "status"], cancellationToken, throwOnError: false);
        if (code != 0)
        {
            return null;
        }

        var lines = await File.ReadAllLinesAsync(pidFile, cancellationToken);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    /// <summary>
    /// A hot standby of this cluster in <paramref name="root"/>, streaming from it: <c>pg_basebackup -R</c> (which
    /// writes <c>standby.signal</c> and <c>primary_conninfo</c>) over this server's replication connection (initdb's
    /// pg_hba allows it from 127.0.0.1; the superuser may replicate), then started on a port of its own. It shares
    /// this cluster's password. Null when the machine has no <c>pg_basebackup</c>.
    /// </summary>
    public async Task<LocalPostgres?> StartStandbyAsync(string root, CancellationToken cancellationToken = default)
    {
        if (FindTool(_binDir, "pg_basebackup") is not { } basebackup)
        {
            return null;
        }

        var standby = new LocalPostgres(Path.GetFullPath(root), _binDir, _forTests);
        Directory.CreateDirectory(standby.DataDirectory);
        var passwordFile = Path.Combine(standby._root, PasswordFileName);
        await File.WriteAllTextAsync(passwordFile, Password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetUnixFileMode(standby.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        EnsureOwned(standby._root);
        EnsureOwned(standby.DataDirectory);
        var source = $"host=127.0.0.1 port={Port} user={SuperUser} password={Password} application_name=standby";
        await RunAsync(basebackup, ["-d", source, "-D", standby.DataDirectory, "-R", "-X", "stream", "-c", "fast"], cancellationToken);
        await standby.StartAsync(cancellationToken);
        return standby;
    }

    public async Task CreateDatabaseIfMissingAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_startedHere)
        {
            _startedHere = false;
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None, throwOnError: false);
        }

        if (_forTests)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void EnsureOwned(string path)
    {
        if (!IsRoot)
        {
            return;
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            File.WriteAllText(path, "");
        }

        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", "postgres:postgres", path]) { UseShellExecute = false })!;
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not give {path} to the postgres user (chown exit {chown.ExitCode}).");
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> args, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var exe = Path.IsPathRooted(tool) ? tool : Path.Combine(_binDir, tool);
        var psi = IsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", exe, .. args]) : new ProcessStartInfo(exe, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.WorkingDirectory = IsRoot ? "/" : _root;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {exe}.");

        // pg_ctl start leaves the server holding inherited pipes; read until the tool itself exits.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = (await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(2000, cancellationToken))) is Task<string[]> both && both.IsCompletedSuccessfully
            ? string.Join('\n', both.Result)
            : "";
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {process.ExitCode}: {output}");
        }

        return (process.ExitCode, output);
    }
}
