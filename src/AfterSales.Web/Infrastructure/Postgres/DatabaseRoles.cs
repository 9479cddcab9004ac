using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>
/// Two database roles. The <b>owner</b> (<c>ConnectionStrings:AfterSalesOwner</c>) owns the schema: migrations, the
/// grants, bootstrap and bulk seeding run as it. The <b>app</b> (<c>ConnectionStrings:AfterSales</c>) owns nothing and
/// may only read and write rows (SELECT/INSERT/UPDATE/DELETE, sequences, functions, LISTEN/NOTIFY), so it can neither
/// TRUNCATE, ALTER, DROP nor DISABLE TRIGGER: the database's own guards (a published month is frozen) hold against it.
/// Without an owner connection string the app's string does everything, as one role (a warning says so).
/// </summary>
public static class DatabaseRoles
{
    public const string OwnerConnectionName = "AfterSalesOwner";

    /// <summary>The string migrations run with: the owner's, else the app's.</summary>
    public static string? OwnerConnectionString(IConfiguration configuration)
    {
        var owner = configuration.GetConnectionString(OwnerConnectionName);
        return string.IsNullOrWhiteSpace(owner) ? configuration.GetConnectionString(DatabaseConnection.Name) : owner;
    }

    /// <summary>The app's role when it is a role of its own (not the owner's), else null.</summary>
    public static string? SeparateAppRole(IConfiguration configuration)
    {
        var app = configuration.GetConnectionString(DatabaseConnection.Name);
        var owner = configuration.GetConnectionString(OwnerConnectionName);
        if (string.IsNullOrWhiteSpace(app) || string.IsNullOrWhiteSpace(owner))
        {
            return null;
        }

        var appUser = new NpgsqlConnectionStringBuilder(app).Username;
        var ownerUser = new NpgsqlConnectionStringBuilder(owner).Username;
        return string.IsNullOrEmpty(appUser) || string.Equals(appUser, ownerUser, StringComparison.Ordinal) ? null : appUser;
    }

    /// <summary>Points a scope's <see cref="AfterSalesDbContext"/> at the owner (before it first connects): migrations, bootstrap, seeding.</summary>
    public static void UseOwner(IServiceProvider scopedServices) =>
        UseOwner(scopedServices.GetRequiredService<AfterSalesDbContext>(), scopedServices.GetRequiredService<IConfiguration>());

    /// <summary>Points <paramref name="db"/> at the owner while its connection is closed (no owner string: unchanged).</summary>
    public static void UseOwner(AfterSalesDbContext db, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(OwnerConnectionName)))
        {
            db.Database.SetConnectionString(DatabaseConnection.WithPoolLimit(configuration, OwnerConnectionName));
        }
    }

    /// <summary>Closes the owner's idle pooled connections once start-up is done: the serving app holds none.</summary>
    public static void ReleaseOwnerConnections(IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(OwnerConnectionName)))
        {
            using var owner = new NpgsqlConnection(DatabaseConnection.WithPoolLimit(configuration, OwnerConnectionName));
            NpgsqlConnection.ClearPool(owner);
        }
    }

    /// <summary>
    /// Creates the app's role if it is missing (with the password of its connection string; the owner needs CREATEROLE
    /// for that) and gives it exactly the rights it needs on this database; runs after every migration, so new tables
    /// are covered. Run on the owner's connection, under the migration lock.
    /// </summary>
    public static async Task GrantAsync(NpgsqlConnection owner, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var role = SeparateAppRole(configuration);
        if (role is null)
        {
            logger.LogWarning(
                "The app connects to PostgreSQL as the schema's owner: the database's own guards (frozen months) do not hold against it. Give it a role of its own with ConnectionStrings__{Owner} (see README, Database roles and start-up)",
                OwnerConnectionName);
            return;
        }

        await using (var exists = new NpgsqlCommand("select rolsuper from pg_roles where rolname = @role", owner))
        {
            exists.Parameters.AddWithValue("role", role);
            switch (await exists.ExecuteScalarAsync(cancellationToken))
            {
                case null:
                    await CreateRoleAsync(owner, role, new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DatabaseConnection.Name)).Password, logger, cancellationToken);
                    break;
                case true:
                    logger.LogWarning("The app's database role {Role} is a superuser: the database's own guards do not hold against it. Make it NOSUPERUSER", role);
                    break;
            }
        }

        await using var grant = new NpgsqlCommand(GrantSql(role), owner);
        await grant.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CreateRoleAsync(NpgsqlConnection owner, string role, string? password, ILogger logger, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new StartupException(
                $"The app's database role \"{role}\" does not exist and ConnectionStrings__{DatabaseConnection.Name} gives no password to create it with. Add Password=… to that connection string, or create the role: CREATE ROLE \"{role}\" LOGIN PASSWORD '…';");
        }

        try
        {
            // CREATE ROLE takes no parameters; the password is written as a literal, quotes doubled.
            await using var create = new NpgsqlCommand(
                $"CREATE ROLE {Quote(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'",
                owner);
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created the app's database role {Role}", role);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance (of another database on the same server) made it at the same moment.
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new StartupException(
                $"The app's database role \"{role}\" does not exist and the owner may not create roles ({e.MessageText}). Create it once as a superuser: CREATE ROLE \"{role}\" LOGIN PASSWORD '…'; then run migrate again.");
        }
    }

    /// <summary>
    /// Rights on every table, sequence and function the owner has in <c>public</c>: rows only. The migration history
    /// is read-only to the app; TRUNCATE, REFERENCES and TRIGGER are taken back if an older setup granted them.
    /// </summary>
    public static string GrantSql(string role)
    {
        var r = Quote(role);
        var literal = "'" + role.Replace("'", "''", StringComparison.Ordinal) + "'";
        return $$"""
            DO $$
            DECLARE
                o record;
                su boolean := (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);
            BEGIN
                EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), {{literal}});
                GRANT USAGE ON SCHEMA public TO {{r}};
                IF has_schema_privilege({{literal}}, 'public', 'CREATE') THEN
                    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                    REVOKE CREATE ON SCHEMA public FROM {{r}};
                END IF;
                FOR o IN SELECT c.relname, c.relkind FROM pg_class c
                         WHERE c.relnamespace = 'public'::regnamespace AND (c.relowner = current_user::regrole OR su)
                           AND c.relkind IN ('r', 'p', 'v', 'm', 'S') LOOP
                    IF o.relkind = 'S' THEN
                        EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE public.%I TO %I', o.relname, {{literal}});
                    ELSIF o.relname = '__EFMigrationsHistory' OR o.relkind IN ('v', 'm') THEN
                        EXECUTE format('REVOKE ALL ON public.%I FROM %I', o.relname, {{literal}});
                        EXECUTE format('GRANT SELECT ON public.%I TO %I', o.relname, {{literal}});
                    ELSE
                        EXECUTE format('REVOKE TRUNCATE, REFERENCES, TRIGGER ON public.%I FROM %I', o.relname, {{literal}});
                        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON public.%I TO %I', o.relname, {{literal}});
                    END IF;
                END LOOP;
                FOR o IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                         WHERE p.pronamespace = 'public'::regnamespace AND (p.proowner = current_user::regrole OR su) LOOP
                    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', o.signature, {{literal}});
                END LOOP;
            END
            $$;
            """;
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
