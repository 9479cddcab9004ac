using System.Globalization;
using System.Security.Cryptography;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>
/// Grows the demo company to a head count for benchmarks (<c>seed --staff 2000</c>): the demo staff stay as
/// they are, the rest are added as <c>s0001</c>, <c>s0002</c> … in eight departments (seven regional service
/// stations and the head-office call centre). Every 20 new staff are 13 technicians, 4 desk staff and one
/// dispatcher, quality specialist and manager each; technicians get a dispatch profile (skills, place in
/// the rotation, open-job limit). Users, roles and profiles are written with COPY in one transaction, so
/// 2,000 staff take a second, not the minutes UserManager would; they all sign in with the demo password.
/// Running it again with the same head count adds nobody.
/// </summary>
public sealed class StaffSeeder(AfterSalesDbContext db, UserManager<AppUser> users, IConfiguration configuration, CompanyClock clock, ILogger<StaffSeeder> logger)
{
    public const string UserNamePrefix = "s";

    public const string HeadOffice = "总部客服中心";

    /// <summary>The departments of the added staff: seven regional service stations and the head-office call centre.</summary>
    public static readonly IReadOnlyList<string> Departments = ["华东服务站", "华北服务站", "华南服务站", "西南服务站", "东北服务站", "西北服务站", "华中服务站", HeadOffice];

    // One cycle of 20 new staff: 13 technicians (65%), 4 desk (20%), one dispatcher, quality specialist and manager (5% each).
    private static readonly string[] RoleCycle =
    [
        Roles.Technician, Roles.Desk, Roles.Technician, Roles.Technician, Roles.Dispatcher,
        Roles.Technician, Roles.Desk, Roles.Technician, Roles.Technician, Roles.Quality,
        Roles.Technician, Roles.Desk, Roles.Technician, Roles.Technician, Roles.Manager,
        Roles.Technician, Roles.Desk, Roles.Technician, Roles.Technician, Roles.Technician,
    ];

    // Technicians work at the stations, the bigger regions having more of them (华东 3, 华南 and 华北 2, the others 1 in 11).
    private static readonly string[] TechnicianStations =
        ["华东服务站", "华南服务站", "华北服务站", "华东服务站", "华中服务站", "西南服务站", "华东服务站", "华南服务站", "东北服务站", "华北服务站", "西北服务站"];

    // Half of the desk staff answer calls at head office, the others sit at a station.
    private static readonly string[] DeskDepartments =
        [HeadOffice, "华东服务站", HeadOffice, "华南服务站", HeadOffice, "华北服务站", HeadOffice, "华中服务站", HeadOffice, "西南服务站", HeadOffice, "东北服务站", HeadOffice, "西北服务站"];

    /// <summary>The role and department of added staff member number <paramref name="number"/> (1 for s0001): the same every run.</summary>
    public static (string Role, string Department) Place(int number)
    {
        var index = number - 1;
        var role = RoleCycle[index % RoleCycle.Length];
        var perCycle = RoleCycle.Count(r => r == role);
        var ordinal = index / RoleCycle.Length * perCycle + RoleCycle.Take(index % RoleCycle.Length).Count(r => r == role);
        var department = role switch
        {
            Roles.Technician => TechnicianStations[ordinal % TechnicianStations.Length],
            Roles.Desk => DeskDepartments[ordinal % DeskDepartments.Length],
            _ => Departments[ordinal % Departments.Count],
        };
        return (role, department);
    }

    public static string UserName(int number) => UserNamePrefix + number.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Adds staff until the company has <paramref name="headcount"/> users; returns how many were added.</summary>
    public async Task<int> SeedAsync(NpgsqlConnection connection, int headcount, int randomSeed, CancellationToken cancellationToken)
    {
        var existing = await db.Users.CountAsync(cancellationToken);
        if (existing >= headcount)
        {
            return 0;
        }

        var count = headcount - existing;
        var last = (await db.Users.Where(u => u.UserName!.StartsWith(UserNamePrefix)).Select(u => u.UserName!).ToListAsync(cancellationToken))
            .Select(n => int.TryParse(n.AsSpan(UserNamePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0)
            .DefaultIfEmpty(0)
            .Max();
        var employeeNumbers = (await db.Users.Where(u => u.EmployeeNo != null).Select(u => u.EmployeeNo!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var position = (await db.TechnicianProfiles.MaxAsync(t => (int?)t.Position, cancellationToken) ?? 0) + 1;
        var codes = DemoCatalog.Categories.Select(c => c.Code).ToArray();
        var faker = new Faker("zh_CN") { Random = new Randomizer(randomSeed + 7919 + last) };
        var now = clock.UtcNow;
        string? hash = null;

        var added = new List<(AppUser User, string Role)>(count);
        var profiles = new List<(string Id, int Position, string[] Skills, int Limit)>();
        for (var number = last + 1; added.Count < count; number++)
        {
            var (role, department) = Place(number);
            var employeeNo = "E" + (2000 + number).ToString(CultureInfo.InvariantCulture);
            while (!employeeNumbers.Add(employeeNo))
            {
                // Someone was given this number by hand: keep ours unique.
                employeeNo += "A";
            }

            var user = new AppUser
            {
                UserName = UserName(number),
                FullName = faker.Name.LastName() + faker.Name.FirstName(),
                EmployeeNo = employeeNo,
                Department = department,
                CreatedAt = now,
                LockoutEnabled = true,
            };
            user.NormalizedUserName = users.NormalizeName(user.UserName);
            user.SecurityStamp = NewSecurityStamp();

            // The demo password is the same for everyone: hash it once, as the demo staff are (hashing costs ~0.1 s each).
            hash ??= users.PasswordHasher.HashPassword(user, DemoSeeder.DemoPassword(configuration));
            user.PasswordHash = hash;
            added.Add((user, role));

            if (role == Roles.Technician)
            {
                // Two or three product families each, like the demo technicians; rotation continues after the last one.
                string[] skills = number % 3 == 2
                    ? [codes[number % codes.Length], codes[(number + 1) % codes.Length], codes[(number + 4) % codes.Length]]
                    : [codes[number % codes.Length], codes[(number + 1) % codes.Length]];
                var profile = new Domain.Dispatch.TechnicianProfile(user.Id, position++, skills, faker.Random.WeightedRandom([3, 4, 5, 6], [0.2f, 0.5f, 0.2f, 0.1f]));
                profiles.Add((profile.TechnicianId, profile.Position, profile.Skills, profile.OpenJobLimit));
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BulkCopy.WriteAsync(connection, "\"AspNetUsers\"", UserColumns, added, a => [
            a.User.Id, a.User.UserName, a.User.NormalizedUserName, a.User.FullName, a.User.EmployeeNo, a.User.Department, false, a.User.CreatedAt,
            false, a.User.PasswordHash, a.User.SecurityStamp, a.User.ConcurrencyStamp, false, false, true, 0,
        ], cancellationToken);
        await BulkCopy.WriteAsync(connection, "\"AspNetUserRoles\"", UserRoleColumns, added, a => [a.User.Id, roleIds[a.Role]], cancellationToken);
        await BulkCopy.WriteAsync(connection, "technician_profiles", ProfileColumns, profiles, p => [p.Id, p.Position, p.Skills, p.Limit, 80m], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Added {Count} staff ({Technicians} technicians) to reach {Headcount}", added.Count, profiles.Count, headcount);
        return added.Count;
    }

    /// <summary>A security stamp as Identity makes one: 20 random bytes in base32.</summary>
    private static string NewSecurityStamp()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = RandomNumberGenerator.GetBytes(20);
        var chars = new char[32];
        for (var i = 0; i < chars.Length; i++)
        {
            var bit = i * 5;
            var value = (bytes[bit / 8] << 8 | (bit / 8 + 1 < bytes.Length ? bytes[bit / 8 + 1] : 0)) >> (11 - bit % 8) & 31;
            chars[i] = alphabet[value];
        }

        return new string(chars);
    }

    private static readonly (string, NpgsqlDbType)[] UserColumns =
    [
        ("id", NpgsqlDbType.Text), ("user_name", NpgsqlDbType.Varchar), ("normalized_user_name", NpgsqlDbType.Varchar), ("full_name", NpgsqlDbType.Varchar),
        ("employee_no", NpgsqlDbType.Varchar), ("department", NpgsqlDbType.Varchar), ("is_disabled", NpgsqlDbType.Boolean), ("created_at", NpgsqlDbType.TimestampTz),
        ("email_confirmed", NpgsqlDbType.Boolean), ("password_hash", NpgsqlDbType.Text), ("security_stamp", NpgsqlDbType.Text), ("concurrency_stamp", NpgsqlDbType.Text),
        ("phone_number_confirmed", NpgsqlDbType.Boolean), ("two_factor_enabled", NpgsqlDbType.Boolean), ("lockout_enabled", NpgsqlDbType.Boolean), ("access_failed_count", NpgsqlDbType.Integer),
    ];

    private static readonly (string, NpgsqlDbType)[] UserRoleColumns = [("user_id", NpgsqlDbType.Text), ("role_id", NpgsqlDbType.Text)];

    private static readonly (string, NpgsqlDbType)[] ProfileColumns =
    [
        ("technician_id", NpgsqlDbType.Varchar), ("position", NpgsqlDbType.Integer), ("skills", NpgsqlDbType.Array | NpgsqlDbType.Text),
        ("open_job_limit", NpgsqlDbType.Integer), ("hourly_rate", NpgsqlDbType.Numeric),
    ];
}
