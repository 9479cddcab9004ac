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

    /// <summary>The role the app itself connects as: it owns nothing (<see cref="DatabaseRoles"/>).</summary>
    public const string AppRole = "aftersales_app";
    private const string PasswordFileName = "aftersales.password";
    private const string AppPasswordFileName = "aftersales_app.password";

    /// <summary>The apps using the cluster, a process id a line: the last one to leave stops it.</summary>
    private const string UsersFileName = "users.pid";

    private readonly string _root;
    private readonly string _binDir;
    private readonly bool _forTests;
    private bool _startedHere;
    private string _options = "";
    private bool _durable = true;

    private LocalPostgres(string root, string binDir, bool forTests)
    {
        _root = root;
        _binDir = binDir;
        _forTests = forTests;
    }

    public string DataDirectory => Path.Combine(_root, "data");

    public int Port { get; private set; }

    public string Password { get; private set; } = "";

    public string LogFile => Path.Combine(_root, "postgres.log");

    /// <summary>The app role's password (<see cref="EnsureAppRoleAsync"/>).</summary>
    public string AppPassword { get; private set; } = "";

    /// <summary>A connection string for the app's own role (after <see cref="EnsureAppRoleAsync"/>).</summary>
    public string AppConnectionString(string database) => new NpgsqlConnectionStringBuilder(ConnectionString(database))
    {
        Username = AppRole,
        Password = AppPassword,
    }.ConnectionString;

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
    public static async Task<LocalPostgres> StartAsync(string root, bool forTests, CancellationToken cancellationToken = default) =>
        await StartAsync(root, forTests, durable: !forTests, cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync(string, bool, CancellationToken)"/>; a test cluster that must keep every acknowledged
    /// commit through a crash (<paramref name="durable"/>) keeps fsync and synchronous commit on.
    /// </summary>
    public static async Task<LocalPostgres> StartAsync(string root, bool forTests, bool durable, CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries() ?? throw new StartupException(MissingBinariesMessage);
        var pg = new LocalPostgres(Path.GetFullPath(root), bin, forTests) { _durable = durable };
        try
        {
            await pg.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new StartupException(
                $"The local database folder {pg._root} cannot be created or written ({e.Message}). Fix: make it writable for {Environment.UserName} (e.g. chown -R {Environment.UserName} {pg._root}), or choose another folder with LocalDatabase__Path.",
                e);
        }

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
            // A previous run left the server up (e.g. it was killed), or another app uses it: reuse it.
            Port = port;
            JoinUsers();
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = $"-p {Port} -k {DataDirectory} -c listen_addresses=127.0.0.1";
            if (_forTests && !_durable)
            {
                options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            }

            _options = options;

            EnsureOwned(LogFile);
            var logLength = new FileInfo(LogFile).Length;
            var (code, output) = await RunAsync("pg_ctl", ["-D", DataDirectory, "-o", _options, "-l", LogFile, "-w", "-t", "60", "start"], cancellationToken, throwOnError: false);
            if (code == 0)
            {
                break;
            }

            var reason = await LogSinceAsync(logLength);
            if (attempt < 3 && reason.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                continue; // another program took the free port between the check and the start
            }

            throw new StartupException(StartFailure(reason.Length > 0 ? reason : output.ReplaceLineEndings(" ").Trim()));
        }

        _startedHere = true;
        JoinUsers();
    }

    /// <summary>One line: why pg_ctl could not start the server (the log's FATAL lines), how to fix it, and where the log is.</summary>
    private string StartFailure(string reason)
    {
        var fix = reason.Contains("invalid permissions", StringComparison.OrdinalIgnoreCase)
            ? $"Fix: chmod 700 {DataDirectory}"
            : reason.Contains("Permission denied", StringComparison.OrdinalIgnoreCase)
            ? $"Fix: give the folder to the user the server runs as ({(IsRoot ? "postgres" : Environment.UserName)}): chown -R {(IsRoot ? "postgres" : Environment.UserName)} {_root}"
            : reason.Contains("postmaster.pid", StringComparison.OrdinalIgnoreCase)
            ? $"Fix: stop the other server (pg_ctl -D {DataDirectory} stop), or delete {Path.Combine(DataDirectory, "postmaster.pid")} if none runs"
            : $"Fix: read the log; to start from scratch, delete {_root}";
        return $"PostgreSQL did not start from {DataDirectory}: {reason}. {fix}. Log: {LogFile}";
    }

    /// <summary>The FATAL/PANIC/ERROR lines (with their DETAIL and HINT) the server wrote to its log after <paramref name="offset"/>, as one line.</summary>
    private async Task<string> LogSinceAsync(long offset)
    {
        try
        {
            await using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var wanted = lines.Where(l => l.Contains("FATAL:", StringComparison.Ordinal) || l.Contains("PANIC:", StringComparison.Ordinal)
                || l.Contains("ERROR:", StringComparison.Ordinal) || l.Contains("DETAIL:", StringComparison.Ordinal) || l.Contains("HINT:", StringComparison.Ordinal));
            return string.Join(" ", wanted.Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"^.*?(?=(FATAL|PANIC|ERROR|DETAIL|HINT):)", "").Replace("  ", " ", StringComparison.Ordinal)));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Stops the server as an operator would (tests of an outage); <see cref="RestartAsync"/> brings it back on its port.</summary>
    public async Task StopServerAsync(CancellationToken cancellationToken = default) =>
        await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], cancellationToken);

    /// <summary>Starts the server again after <see cref="StopServerAsync"/>, on the same port with the same options.</summary>
    public async Task StartServerAsync(CancellationToken cancellationToken = default) =>
        await RunAsync("pg_ctl", ["-D", DataDirectory, "-o", _options, "-l", LogFile, "-w", "-t", "60", "start"], cancellationToken);

    /// <summary>Restarts the server on its port (tests of faults): <paramref name="crash"/> stops it as a crash would, so it starts with crash recovery.</summary>
    public async Task RestartAsync(bool crash, CancellationToken cancellationToken = default) =>
        await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", crash ? "immediate" : "fast", "-l", LogFile, "-w", "-t", "60", "restart"], cancellationToken);

    /// <summary>
    /// Makes sure the app's own role exists with the password kept in the cluster's folder (made on first use, so a
    /// cluster from before the role existed gets it on its next start).
    /// </summary>
    public async Task EnsureAppRoleAsync(CancellationToken cancellationToken = default)
    {
        var passwordFile = Path.Combine(_root, AppPasswordFileName);
        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant(), cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        AppPassword = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        var password = AppPassword.Replace("'", "''", StringComparison.Ordinal);
        await using var ensure = new NpgsqlCommand(
            $$"""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{{AppRole}}') THEN
                    CREATE ROLE {{AppRole}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT PASSWORD '{{password}}';
                ELSE
                    ALTER ROLE {{AppRole}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '{{password}}';
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- another app starting on this folder made it at the same moment
            END
            $$;
            """,
            connection);
        await ensure.ExecuteNonQueryAsync(cancellationToken);
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

        var lines = await File.ReadAllLinesAsync(pidFile, cancellationToken);
        var (code, _) = await RunAsync("pg_ctl", ["-D", DataDirectory, "status"], cancellationToken, throwOnError: false);
        if (code != 0 || (lines.Length > 0 && int.TryParse(lines[0], out var pid) && !IsPostmasterOf(pid)))
        {
            // Left by a crash (the machine or the server): no server of this folder runs. When its process id now
            // belongs to another program, PostgreSQL would refuse to start ("lock file already exists"): remove it.
            if (code == 0)
            {
                File.Delete(pidFile);
            }

            return null;
        }

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

    /// <summary>
    /// Whether <paramref name="pid"/> is this folder's server (Linux: the postmaster's working folder is its data
    /// folder); elsewhere pg_ctl's word is taken.
    /// </summary>
    private bool IsPostmasterOf(int pid)
    {
        var cwd = $"/proc/{pid}/cwd";
        if (!Directory.Exists("/proc/self"))
        {
            return true;
        }

        try
        {
            var target = new DirectoryInfo(cwd).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            return target is null || string.Equals(Path.TrimEndingDirectorySeparator(target), Path.TrimEndingDirectorySeparator(Path.GetFullPath(DataDirectory)), StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Directory.Exists($"/proc/{pid}");
        }
    }

    /// <summary>Adds this process to the cluster's users (dropping those no longer running).</summary>
    private void JoinUsers() => UpdateUsers(users => users.Add(Environment.ProcessId));

    /// <summary>Removes this process from the users; true when nobody else still uses the cluster.</summary>
    private bool LeaveUsers()
    {
        var last = false;
        UpdateUsers(users =>
        {
            users.Remove(Environment.ProcessId);
            last = users.Count == 0;
        });
        return last;
    }

    private void UpdateUsers(Action<HashSet<int>> change)
    {
        var path = Path.Combine(_root, UsersFileName);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                using var reader = new StreamReader(file, leaveOpen: true);
                var users = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => int.TryParse(l, out var p) ? p : 0)
                    .Where(IsRunning)
                    .ToHashSet();
                change(users);
                file.SetLength(0);
                using var writer = new StreamWriter(file);
                writer.Write(string.Join('\n', users));
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(20); // another app is updating the list
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the server when this app was the last one using it — whether it started it or reused it (a server left
    /// running by a killed app is stopped by the app that took it over).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var stop = _startedHere || (Port != 0 && !_forTests);
        if (stop && Directory.Exists(_root) && LeaveUsers())
        {
            _startedHere = false;
            Port = 0;
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
            throw new StartupException($"{tool} failed with exit code {process.ExitCode}: {output.ReplaceLineEndings(" ").Trim()} (PostgreSQL binaries in {_binDir}, data folder {_root})");
        }

        return (process.ExitCode, output);
    }
}
