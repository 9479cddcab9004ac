using System.Diagnostics;
using AfterSales.Domain.Products;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Settings;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>
/// Makes a believable demo company (the roles already exist: <see cref="Identity.AccountBootstrap"/>): staff in every role, a product catalog, customers with their
/// registered units; for benchmarks also more staff (<see cref="StaffSeeder"/>) and reward and penalty records
/// (<see cref="DisciplineSeeder"/>). Runs once (each part checks whether it is already there) and under a database
/// lock, so two instances starting together do not seed twice. Customers are written with COPY, so
/// `seed --customers 200000` takes seconds, not hours.
/// </summary>
public sealed class DemoSeeder(
    AfterSalesDbContext db,
    UserManager<AppUser> users,
    IConfiguration configuration,
    IOptions<QualityOptions> quality,
    TimeProvider clock,
    TicketSeeder ticketSeeder,
    StaffSeeder staffSeeder,
    DisciplineSeeder disciplineSeeder,
    TallySeeder tallySeeder,
    CompanyClock companyClock,
    ILogger<DemoSeeder> logger)
{
    private const long SeedLockKey = 0x5EED_AF7E;

    public static readonly IReadOnlyList<(string Role, string Prefix, int Count, string Department)> StaffPlan =
    [
        (Roles.Desk, "desk", 8, "客服部"),
        (Roles.Dispatcher, "dispatch", 2, "客服部"),
        (Roles.Technician, "tech", 24, "维修部"),
        (Roles.Quality, "quality", 2, "质量部"),
        (Roles.Manager, "manager", 3, "服务部"),
        (Roles.Admin, "admin", 2, "行政部"),
    ];

    public static IEnumerable<string> DemoLogins => StaffPlan.Select(s => s.Prefix + "1");

    public static string DemoPassword(IConfiguration configuration) => DemoOptions.Read(configuration).Password;

    public async Task SeedAsync(SeedOptions options, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();

        // Bulk loads are the owner's work (COPY, moving the id sequence, VACUUM): never the app's own role.
        if (db.Database.GetDbConnection().State == System.Data.ConnectionState.Closed)
        {
            Postgres.DatabaseRoles.UseOwner(db, configuration);
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var take = new NpgsqlCommand($"select pg_advisory_lock({SeedLockKey})", connection))
            {
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            if (options.Staff)
            {
                await SeedStaffAsync(options.RandomSeed, cancellationToken);
            }

            await SeedCatalogAsync(cancellationToken);
            await SeedTechniciansAsync(cancellationToken);

            // Staff before tickets: the ticket seeder spreads the work over every technician there is.
            if (options.Headcount > 0)
            {
                await staffSeeder.SeedAsync(connection, options.Headcount, options.RandomSeed, cancellationToken);
            }

            var existing = await db.Customers.CountAsync(cancellationToken);
            if (existing < options.Customers)
            {
                await BulkCustomersAsync(connection, options.Customers - existing, options.RandomSeed + existing, cancellationToken);
            }

            var tickets = await db.Tickets.CountAsync(cancellationToken);
            if (tickets < options.Tickets)
            {
                await ticketSeeder.SeedAsync(connection, options.Tickets - tickets, options.RandomSeed + tickets, cancellationToken);
            }

            if (options.Records > 0)
            {
                await disciplineSeeder.SeedAsync(connection, options.Records, options.RandomSeed, cancellationToken);
            }

            // After bulk loading: fresh statistics and visibility maps, as autovacuum would leave a live database.
            if (options.Headcount > 0 || options.Records > 0 || tickets < options.Tickets)
            {
                foreach (var table in new[] { "tickets", "work_orders", "follow_ups", "complaints", "discipline_records", "customers", "\"AspNetUsers\"" })
                {
                    await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) " + table, connection) { CommandTimeout = 0 };
                    await vacuum.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            // The complaint ledger opens with each complaint's class proposal, as if recorded one by one.
            await Quality.ComplaintLedger.ProposeMissingAsync(db, quality.Value.Classification, companyClock, cancellationToken);

            if (options.PublishMonths > 0)
            {
                await tallySeeder.SeedAsync(options.PublishMonths, cancellationToken);
            }

            logger.LogInformation(
                "Demo data ready in {Elapsed:0.0}s: {Staff} staff, {Customers} customers, {Tickets} tickets, {Records} reward and penalty records",
                stopwatch.Elapsed.TotalSeconds,
                await db.Users.CountAsync(cancellationToken),
                Math.Max(existing, options.Customers),
                Math.Max(tickets, options.Tickets),
                await db.DisciplineRecords.CountAsync(cancellationToken));
        }
        finally
        {
            await using (var release = new NpgsqlCommand($"select pg_advisory_unlock({SeedLockKey})", connection))
            {
                await release.ExecuteNonQueryAsync(cancellationToken);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task SeedStaffAsync(int randomSeed, CancellationToken cancellationToken)
    {
        var faker = new Faker("zh_CN") { Random = new Randomizer(randomSeed) };
        var password = DemoPassword(configuration);
        string? hash = null;
        var number = 1000;
        foreach (var (role, prefix, count, department) in StaffPlan)
        {
            for (var i = 1; i <= count; i++)
            {
                number++;
                var userName = prefix + i;
                if (await users.FindByNameAsync(userName) is not null)
                {
                    continue;
                }

                var user = new AppUser
                {
                    UserName = userName,
                    FullName = faker.Name.LastName() + faker.Name.FirstName(),
                    EmployeeNo = "E" + number,
                    Department = department,
                    CreatedAt = clock.GetUtcNow(),
                    LockoutEnabled = true,
                };

                // The demo password is the same for everyone: hash it once (hashing costs ~0.1 s each).
                hash ??= users.PasswordHasher.HashPassword(user, password);
                user.PasswordHash = hash;
                Check(await users.CreateAsync(user));
                Check(await users.AddToRoleAsync(user, role));
            }
        }
    }

    /// <summary>
    /// Each technician repairs two or three product families, takes turns in employee order and holds
    /// at most 4 open jobs; today one is on leave and one off duty, so dispatch shows why they are skipped.
    /// </summary>
    public async Task SeedTechniciansAsync(CancellationToken cancellationToken)
    {
        if (await db.TechnicianProfiles.AnyAsync(cancellationToken))
        {
            return;
        }

        var technicians = await db.UsersInRole(Roles.Technician).OrderBy(u => u.EmployeeNo).Select(u => u.Id).ToListAsync(cancellationToken);
        var codes = DemoCatalog.Categories.Select(c => c.Code).ToArray();
        for (var i = 0; i < technicians.Count; i++)
        {
            string[] skills = i % 3 == 2
                ? [codes[i % codes.Length], codes[(i + 1) % codes.Length], codes[(i + 4) % codes.Length]]
                : [codes[i % codes.Length], codes[(i + 1) % codes.Length]];
            db.TechnicianProfiles.Add(new Domain.Dispatch.TechnicianProfile(technicians[i], i + 1, skills, 4));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
        if (technicians.Count > 3)
        {
            db.Availability.Add(new Domain.Dispatch.AvailabilityEntry(technicians[1], today.AddDays(-1), today.AddDays(2), Domain.Dispatch.AvailabilityKind.Leave, "事假"));
            db.Availability.Add(new Domain.Dispatch.AvailabilityEntry(technicians[2], today, today, Domain.Dispatch.AvailabilityKind.OffDuty, "轮休"));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SeedCatalogAsync(CancellationToken cancellationToken)
    {
        if (await db.ProductCategories.AnyAsync(cancellationToken))
        {
            return;
        }

        foreach (var spec in DemoCatalog.Categories)
        {
            var category = new ProductCategory(spec.Code, spec.Name, spec.WarrantyMonths, Math.Max(10, spec.ReturnToFactoryDays));
            db.ProductCategories.Add(category);
            foreach (var model in spec.Models)
            {
                db.ProductModels.Add(new ProductModel(category.Id, model.Code, model.Name, model.WarrantyMonths, DemoCatalog.SerialSpec(model)));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes customers, their phones and units with binary COPY; ids are reserved from the shared hi/lo sequence.</summary>
    public async Task BulkCustomersAsync(NpgsqlConnection connection, int count, int randomSeed, CancellationToken cancellationToken)
    {
        // Units only of the demo catalog's models: an admin may have added others whose serial numbers the seeder cannot make.
        var specs = DemoCatalog.Categories.SelectMany(c => c.Models).ToDictionary(m => m.Code);
        var codes = specs.Keys.ToList();
        var models = await db.ProductModels.AsNoTracking().Where(m => codes.Contains(m.Code)).Select(m => new { m.Id, m.Code }).ToListAsync(cancellationToken);
        var faker = new Faker("zh_CN") { Random = new Randomizer(randomSeed) };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var now = clock.GetUtcNow();
        const int batch = 20_000;
        for (var done = 0; done < count; done += batch)
        {
            var size = Math.Min(batch, count - done);

            // Each customer takes exactly 6 ids (itself, 2 phone slots, 3 unit slots), used or not.
            var next = await ReserveIdsAsync(connection, size * 6L, cancellationToken);
            var customers = new List<(long Id, string Kind, string Name, string? Contact, string Address)>(size);
            var phones = new List<(long Id, long CustomerId, string Number, string? Label)>(size * 2);
            var units = new List<(long Id, long CustomerId, long ModelId, string Serial, DateOnly? Purchase, bool Proof, string? Invoice, string? Dealer)>(size * 2);
            for (var i = 0; i < size; i++)
            {
                var id = next++;
                var organisation = faker.Random.Double() < 0.15;
                var person = faker.Name.LastName() + faker.Name.FirstName();
                var name = organisation ? faker.Address.City() + faker.PickRandom(OrganisationSuffixes) : person;
                customers.Add((id, organisation ? "Organisation" : "Person", name, organisation ? person : null,
                    faker.Address.State() + faker.Address.City() + faker.Address.StreetAddress()));
                phones.Add((next++, id, "1" + faker.PickRandom("3", "5", "7", "8", "9") + faker.Random.ReplaceNumbers("#########"), "手机"));
                if (faker.Random.Double() < 0.3)
                {
                    phones.Add((next++, id, "0" + faker.Random.ReplaceNumbers("##########"), organisation ? "总机" : "座机"));
                }
                else
                {
                    next++;
                }

                var unitCount = faker.Random.WeightedRandom([1, 2, 3], [0.65f, 0.28f, 0.07f]);
                for (var u = 0; u < 3; u++)
                {
                    var unitId = next++;
                    if (u >= unitCount)
                    {
                        continue;
                    }

                    var model = faker.PickRandom(models);
                    var spec = specs[model.Code];
                    var purchase = today.AddDays(-faker.Random.Int(3, 365 * 4));
                    var made = purchase.AddDays(-faker.Random.Int(15, 120));
                    // Unique by construction: 7919 is coprime with 10^8, so distinct ids give distinct tails.
                    var tail = (unitId * 7919 % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
                    var serial = spec.SerialPrefix + (spec.DatedSerial ? made.ToString("yyMM", System.Globalization.CultureInfo.InvariantCulture) : "") + tail;

                    var proof = faker.Random.Double() < 0.8;
                    var knowsDate = proof || faker.Random.Double() < 0.5;
                    units.Add((unitId, id, model.Id, serial, knowsDate ? purchase : null, proof,
                        proof ? faker.Random.ReplaceNumbers("########") : null,
                        faker.Random.Double() < 0.7 ? faker.Address.City() + faker.PickRandom(DealerSuffixes) : null));
                }
            }

            // One transaction per batch: a failure leaves no customer without phones or units.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var import = await connection.BeginBinaryImportAsync(
                "COPY customers (id, kind, name, contact_person, address, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var c in customers)
                {
                    await import.StartRowAsync(cancellationToken);
                    await import.WriteAsync(c.Id, NpgsqlDbType.Bigint, cancellationToken);
                    await import.WriteAsync(c.Kind, NpgsqlDbType.Varchar, cancellationToken);
                    await import.WriteAsync(c.Name, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullableAsync(import, c.Contact, NpgsqlDbType.Varchar, cancellationToken);
                    await import.WriteAsync(c.Address, NpgsqlDbType.Varchar, cancellationToken);
                    await import.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                }

                await import.CompleteAsync(cancellationToken);
            }

            await using (var import = await connection.BeginBinaryImportAsync(
                "COPY customer_phones (id, customer_id, number, label) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var p in phones)
                {
                    await import.StartRowAsync(cancellationToken);
                    await import.WriteAsync(p.Id, NpgsqlDbType.Bigint, cancellationToken);
                    await import.WriteAsync(p.CustomerId, NpgsqlDbType.Bigint, cancellationToken);
                    await import.WriteAsync(p.Number, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullableAsync(import, p.Label, NpgsqlDbType.Varchar, cancellationToken);
                }

                await import.CompleteAsync(cancellationToken);
            }

            await using (var import = await connection.BeginBinaryImportAsync(
                "COPY units (id, customer_id, product_model_id, serial_number, purchase_date, has_proof_of_purchase, invoice_number, dealer) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var u in units)
                {
                    await import.StartRowAsync(cancellationToken);
                    await import.WriteAsync(u.Id, NpgsqlDbType.Bigint, cancellationToken);
                    await import.WriteAsync(u.CustomerId, NpgsqlDbType.Bigint, cancellationToken);
                    await import.WriteAsync(u.ModelId, NpgsqlDbType.Bigint, cancellationToken);
                    await import.WriteAsync(u.Serial, NpgsqlDbType.Varchar, cancellationToken);
                    if (u.Purchase is { } date)
                    {
                        await import.WriteAsync(date, NpgsqlDbType.Date, cancellationToken);
                    }
                    else
                    {
                        await import.WriteNullAsync(cancellationToken);
                    }

                    await import.WriteAsync(u.Proof, NpgsqlDbType.Boolean, cancellationToken);
                    await WriteNullableAsync(import, u.Invoice, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullableAsync(import, u.Dealer, NpgsqlDbType.Varchar, cancellationToken);
                }

                await import.CompleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Seeded {Done} of {Count} customers", done + size, count);
        }

        await using var analyze = new NpgsqlCommand("analyze customers; analyze customer_phones; analyze units", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    private static readonly string[] OrganisationSuffixes = ["市第一人民医院", "检测中心", "物流有限公司", "实验中学", "宾馆", "食品有限公司", "环境监测站", "建设集团"];
    private static readonly string[] DealerSuffixes = ["国美电器", "苏宁易购", "百货大楼", "仪器经销部", "汽车销售服务公司"];

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive ids from the hi/lo sequence EF Core draws from
    /// (it hands out blocks of 10 starting at each value it takes), returning the first.
    /// </summary>
    public static async Task<long> ReserveIdsAsync(NpgsqlConnection connection, long count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select setval('\"{AfterSalesDbContext.IdSequence}\"', nextval('\"{AfterSalesDbContext.IdSequence}\"') + @n + 10) - @n - 10", connection);
        command.Parameters.AddWithValue("n", count);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? import.WriteNullAsync(cancellationToken) : import.WriteAsync(value, type, cancellationToken);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding a user failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
