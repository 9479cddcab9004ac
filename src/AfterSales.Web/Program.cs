using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Postgres;
using AfterSales.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

// Commands: (none) serve · `migrate` apply migrations and exit · `seed --customers N --tickets N --staff N --records N` fill a big demo database.
var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal))?.ToLowerInvariant();
var builder = WebApplication.CreateBuilder(args);
LocalPostgres? localDatabase;
try
{
    localDatabase = await DatabaseConnection.EnsureAsync(builder);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

if (command == "seed")
{
    // Bulk loads run long statements (COPY of 50,000 rows, index builds) on a busy machine: no client timeout.
    builder.Configuration[$"ConnectionStrings:{DatabaseConnection.Name}"] = new Npgsql.NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString(DatabaseConnection.Name)) { CommandTimeout = 0 }.ConnectionString;
}

builder.AddAfterSales();
var app = builder.Build();
try
{
    switch (command)
    {
        case "migrate":
            await DatabaseMigrator.ApplyAsync(app.Services);
            await DatabaseMigrator.BootstrapAccountsAsync(app.Services);
            app.Logger.LogInformation("Database is up to date");
            return 0;
        case "seed":
            await DatabaseMigrator.ApplyAsync(app.Services);
            await DatabaseMigrator.BootstrapAccountsAsync(app.Services);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(SeedOptions.FromArgs(args, app.Configuration), CancellationToken.None);
            }

            return 0;
    }

    if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Database:MigrateOnStart"))
    {
        await DatabaseMigrator.ApplyAsync(app.Services);
        await DatabaseMigrator.BootstrapAccountsAsync(app.Services);
    }

    if (app.Configuration.GetValue<bool>("Demo:Seed") && !app.Environment.IsProduction())
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(SeedOptions.FromArgs(args, app.Configuration), CancellationToken.None);
    }

    app.UseAfterSales();
    app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Log(app));
    await app.RunAsync();
    return 0;
}
finally
{
    if (localDatabase is not null)
    {
        await localDatabase.DisposeAsync();
    }
}

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program
{
}
