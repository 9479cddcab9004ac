using AfterSales.Domain.Calendar;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Exchanges;
using AfterSales.Domain.Quality;
using AfterSales.Domain.Discipline;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.WorkOrders;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tallies;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data.Configurations;
using AfterSales.Web.Infrastructure.Auditing;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Data;

/// <summary>The primary database: every write, and every read that must see its own writes. <see cref="ReadDbContext"/> reads the rest.</summary>
public class AfterSalesDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public AfterSalesDbContext(DbContextOptions<AfterSalesDbContext> options)
        : base(options)
    {
        // Every save in a transaction, even of one statement, so a connection lost at its commit can be checked (CommitCheck).
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    /// <summary>For <see cref="ReadDbContext"/>: the same model over another connection.</summary>
    protected AfterSalesDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>All tables draw ids from EF's default hi/lo sequence, so keys exist before saving (the audit trail needs them).</summary>
    public const string IdSequence = "EntityFrameworkHiLoSequence";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ProductCategory> ProductCategories => Set<ProductCategory>();

    public DbSet<ProductModel> ProductModels => Set<ProductModel>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<CustomerPhone> CustomerPhones => Set<CustomerPhone>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<TicketNumberDay> TicketNumberDays => Set<TicketNumberDay>();

    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<TechnicianProfile> TechnicianProfiles => Set<TechnicianProfile>();

    public DbSet<AvailabilityEntry> Availability => Set<AvailabilityEntry>();

    public DbSet<RotationPointer> RotationPointers => Set<RotationPointer>();

    public DbSet<DispatchDecision> DispatchDecisions => Set<DispatchDecision>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();

    public DbSet<DisciplineRule> DisciplineRules => Set<DisciplineRule>();

    public DbSet<DisciplineRecord> DisciplineRecords => Set<DisciplineRecord>();

    public DbSet<Complaint> Complaints => Set<Complaint>();

    public DbSet<QualityReport> QualityReports => Set<QualityReport>();

    public DbSet<ExchangeRequest> ExchangeRequests => Set<ExchangeRequest>();

    public DbSet<MonthlyTally> MonthlyTallies => Set<MonthlyTally>();

    public DbSet<SavedView> SavedViews => Set<SavedView>();

    public DbSet<SavedViewDefault> SavedViewDefaults => Set<SavedViewDefault>();

    /// <summary>The users holding <paramref name="role"/>.</summary>
    public IQueryable<AppUser> UsersInRole(string role) =>
        from u in Users
        join ur in UserRoles on u.Id equals ur.UserId
        join r in Roles on ur.RoleId equals r.Id
        where r.Name == role
        select u;

    /// <summary>Dispatches the aggregates' domain events first (<see cref="DomainEventDispatch"/>), so their effects are written by this same save.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await DomainEventDispatch.DispatchAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The synchronous save (Data Protection's key ring uses it) cannot run the async handlers: it refuses pending domain events.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        DomainEventDispatch.RefusePending(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.UseHiLo();
        builder.HasSequence<long>(TicketNumbers.Sequence);
        builder.ApplyConfigurationsFromAssembly(typeof(AfterSalesDbContext).Assembly);
        StoredJson.UseStoredNames(builder);
        builder.HasDbFunction(typeof(SearchText).GetMethod(nameof(SearchText.GramsMatch))!).HasName("grams_match");

        // Pending domain events live on the aggregate until the save dispatches them; they are never stored.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.IsAssignableTo(typeof(Domain.AggregateRoot))).ToList())
        {
            builder.Entity(entity.ClrType).Ignore(nameof(Domain.AggregateRoot.DomainEvents));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
    }
}
