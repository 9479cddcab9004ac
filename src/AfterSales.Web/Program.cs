using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Postgres;
using AfterSales.Web.Infrastructure.Seeding;

// Commands: (none) serve · `migrate` apply migrations and exit · `seed --customers N --tickets N --staff N --records N` fill a big demo database.
var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal))?.ToLowerInvariant();
var builder = WebApplication.CreateBuilder(args);
LocalPostgres? localDatabase = null;
try
{
    localDatabase = await DatabaseConnection.EnsureAsync(builder);
    var migrating = command is "migrate" or "seed" || builder.Environment.IsDevelopment() || DatabaseOptions.Read(builder.Configuration).MigrateOnStart;
    var poolNote = await DatabaseStartup.ProbeAsync(builder.Configuration, migrating);

    if (command == "seed")
    {
        // Bulk loads run long statements (COPY of 50,000 rows, index builds) on a busy machine: no client timeout.
        foreach (var name in new[] { DatabaseConnection.Name, DatabaseRoles.OwnerConnectionName })
        {
            if (builder.Configuration.GetConnectionString(name) is { Length: > 0 } connectionString)
            {
                builder.Configuration[$"ConnectionStrings:{name}"] = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString;
            }
        }
    }

    builder.AddAfterSales();
    var app = builder.Build();

    // Wrong settings stop the start here, before any migration or seeding, with one line (below).
    app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
    if (poolNote is { } note)
    {
#pragma warning disable CA2254 // the templates are constants of DatabaseStartup
        app.Logger.Log(note.Level, note.Message, note.Args);
#pragma warning restore CA2254
    }

    if (migrating)
    {
        await DatabaseMigrator.PrepareAsync(app.Services);
        await DatabaseStartup.CheckAppSignInAsync(app.Configuration);
    }

    switch (command)
    {
        case "migrate":
            app.Logger.LogInformation("Database is up to date");
            return 0;
        case "seed":
            await SeedAsync(app, args);
            return 0;
    }

    if (DemoOptions.Read(app.Configuration).Seed && !app.Environment.IsProduction())
    {
        await SeedAsync(app, args);
    }

    DatabaseRoles.ReleaseOwnerConnections(app.Configuration);
    app.UseAfterSales();
    app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Log(app));
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (AfterSales.Web.Infrastructure.Settings.SettingsSetup.Describe(e) is { } settingsLine)
{
    // A setting out of range or not a number: one line naming it (its environment variable form) and the allowed values.
    await Console.Error.WriteLineAsync(settingsLine);
    return 1;
}
catch (Exception e) when (DatabaseStartup.Describe(e, builder.Configuration) is { } line)
{
    // A known cause: one line naming it and the fix, no stack trace.
    await Console.Error.WriteLineAsync(line);
    return 1;
}
finally
{
    if (localDatabase is not null)
    {
        await localDatabase.DisposeAsync();
    }
}

// Demo data is written as the owner: bulk loads use COPY, move the id sequence and refresh statistics.
static async Task SeedAsync(WebApplication app, string[] args)
{
    await using var scope = app.Services.CreateAsyncScope();
    DatabaseRoles.UseOwner(scope.ServiceProvider);
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(SeedOptions.FromArgs(args, app.Configuration), CancellationToken.None);
}

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program
{
}
