using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>
/// What the app checks about its database before serving, and how a start-up failure is told: one line naming the
/// cause and the fix (no stack trace), exit code 1.
/// </summary>
public static class DatabaseStartup
{
    /// <summary>Connections an instance holds besides its pool: the LISTENs of session stamps and of the board, the job lock.</summary>
    public const int DedicatedConnections = 3;

    /// <summary>Configuration key of the pool ceiling this start worked out (<see cref="DatabaseConnection.WithPoolLimit(IConfiguration, string)"/>).</summary>
    public const string PoolCeilingKey = "Database:PoolCeiling";

    /// <summary>
    /// Connects once (as the owner when migrating, else as the app) and reads how many connections the server gives
    /// ordinary roles (<c>max_connections</c> less <c>superuser_reserved_connections</c> and, from PostgreSQL 16,
    /// <c>reserved_connections</c>); a pool that would take the reserved slots is made smaller, with a warning.
    /// A database that cannot be reached stops the start when <paramref name="mustReach"/> (migrations are due),
    /// else the app starts and answers 503 until it is back. Wrong credentials always stop the start.
    /// Returns what to log once logging is up.
    /// </summary>
    public static async Task<(LogLevel Level, string Message, object[] Args)?> ProbeAsync(IConfiguration configuration, bool mustReach, CancellationToken cancellationToken = default)
    {
        var name = mustReach && !string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseRoles.OwnerConnectionName))
            ? DatabaseRoles.OwnerConnectionName
            : DatabaseConnection.Name;
        var connectionString = configuration.GetConnectionString(name)!;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (mustReach && builder.Timeout > 10)
        {
            builder.Timeout = 10;
        }

        int max, superuserReserved, reserved;
        try
        {
            (max, superuserReserved, reserved) = await ReadLimitsAsync(builder, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName && mustReach)
        {
            // The database is made by the migration: read the server's limits through its maintenance database.
            builder.Database = "postgres";
            try
            {
                (max, superuserReserved, reserved) = await ReadLimitsAsync(builder, cancellationToken);
            }
            catch (PostgresException again) when (again.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                return null;
            }
        }
        catch (NpgsqlException e) when (!mustReach && IsUnreachable(e))
        {
            return (LogLevel.Warning, "The database cannot be reached now ({Reason}); pages answer 503 until it is back", [Describe(e, name, connectionString) ?? e.Message]);
        }
        catch (NpgsqlException e)
        {
            throw new StartupException(Describe(e, name, connectionString) ?? e.Message, e);
        }

        var usable = max - superuserReserved - reserved;
        var pool = new NpgsqlConnectionStringBuilder(DatabaseConnection.WithPoolLimit(configuration, DatabaseConnection.Name)).MaxPoolSize;
        var ceiling = Math.Max(2, usable - DedicatedConnections - 1);
        if (pool <= ceiling)
        {
            return (LogLevel.Information, "Connection pool of {Pool} (+{Dedicated} listening) within the server's {Usable} usable connections (max_connections {Max}, {Reserved} reserved)", [pool, DedicatedConnections, usable, max, superuserReserved + reserved]);
        }

        configuration[PoolCeilingKey] = ceiling.ToString(CultureInfo.InvariantCulture);
        return (LogLevel.Warning,
            "Database:MaxPoolSize {Pool} would take the server's reserved connections (max_connections {Max} less {Reserved} reserved leaves {Usable}, and each instance also holds {Dedicated} listening connections): using a pool of {Ceiling}. Raise max_connections or lower Database__MaxPoolSize; instances × pool must stay below {Usable}",
            [pool, max, superuserReserved + reserved, usable, DedicatedConnections, ceiling, usable]);
    }

    private static async Task<(int Max, int SuperuserReserved, int Reserved)> ReadLimitsAsync(NpgsqlConnectionStringBuilder builder, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var read = new NpgsqlCommand(
                    "select current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int, coalesce(current_setting('reserved_connections', true), '0')::int",
                    connection);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CannotConnectNow && DateTime.UtcNow < deadline)
            {
                // Starting up or recovering from a crash: it will accept connections in a moment.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>After migrations: the app's own role can sign in (a wrong password stops the start here, in one line).</summary>
    public static async Task CheckAppSignInAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        if (DatabaseRoles.SeparateAppRole(configuration) is null)
        {
            return;
        }

        var connectionString = configuration.GetConnectionString(DatabaseConnection.Name)!;
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new StartupException(Describe(e, DatabaseConnection.Name, connectionString) + " (the role exists already: its password is not changed by migrate; ALTER ROLE it or fix the connection string)", e);
        }
    }

    /// <summary>The server is down, restarting or out of reach (not: it refused who we are).</summary>
    public static bool IsUnreachable(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown,
        NpgsqlException n => n.InnerException is SocketException or TimeoutException or IOException || n.IsTransient,
        _ => false,
    };

    /// <summary>One line for a failure to use the database named by <paramref name="name"/>, or null when it is no database failure.</summary>
    public static string? Describe(Exception e, string name, string? connectionString)
    {
        var npgsql = Innermost<NpgsqlException>(e);
        if (npgsql is null)
        {
            return null;
        }

        var cs = new NpgsqlConnectionStringBuilder(connectionString ?? "");
        var where = $"{cs.Host}:{cs.Port}";
        var setting = $"ConnectionStrings__{name}";
        return npgsql switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                $"PostgreSQL at {where} refused the password of user \"{cs.Username}\". Fix the password in {setting}.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
                $"PostgreSQL at {where} refused user \"{cs.Username}\": {p.MessageText}. Fix Username in {setting} (or create the role, or allow it in pg_hba.conf).",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"Database \"{cs.Database}\" does not exist at {where}. Create it by running `dotnet AfterSales.Web.dll migrate` with the owner's connection string, or fix Database in {setting}.",
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } p =>
                $"PostgreSQL at {where} has no connection left ({p.MessageText}). Lower Database__MaxPoolSize or the number of instances, or raise max_connections.",
            PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow } p =>
                $"PostgreSQL at {where} does not accept connections yet ({p.MessageText}): it is starting or recovering. Start the app again in a moment.",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } p =>
                $"The database role \"{cs.Username}\" may not do this: {p.MessageText}. Migrations need the schema's owner: set ConnectionStrings__{DatabaseRoles.OwnerConnectionName} (see README, Database roles and start-up).",
            PostgresException p =>
                $"PostgreSQL at {where} answered {p.SqlState}: {p.MessageText}. Check {setting}.",
            { InnerException: SocketException s } =>
                $"Cannot reach PostgreSQL at {where} ({s.Message}). Start the database server, or fix Host and Port in {setting}.",
            { InnerException: TimeoutException } =>
                $"PostgreSQL at {where} did not answer within {cs.Timeout} s. Check that the server runs and that Host and Port in {setting} are right.",
            _ => $"Cannot use PostgreSQL at {where}: {npgsql.Message}. Check {setting}.",
        };
    }

    /// <summary>One line for any start-up failure with a known cause, or null (then the failure is shown as it is).</summary>
    public static string? Describe(Exception e, IConfiguration configuration)
    {
        if (Innermost<StartupException>(e) is { } known)
        {
            return known.Message;
        }

        if (e is IOException { InnerException: AddressInUseException } || Innermost<AddressInUseException>(e) is not null)
        {
            return $"{e.Message} Another program (perhaps another AfterSales) listens there. Stop it, or start on another address: --urls http://localhost:5098 (or ASPNETCORE_URLS).";
        }

        return Describe(e, DatabaseConnection.Name, configuration.GetConnectionString(DatabaseConnection.Name));
    }

    private static T? Innermost<T>(Exception e)
        where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is T found)
            {
                return found;
            }

            if (x is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(Innermost<T>).FirstOrDefault(f => f is not null);
            }
        }

        return null;
    }
}
