using AfterSales.Domain.Discipline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Web.Data.Configurations;

public sealed class DisciplineRuleConfiguration : IEntityTypeConfiguration<DisciplineRule>
{
    public void Configure(EntityTypeBuilder<DisciplineRule> builder)
    {
        builder.ToTable("discipline_rules");
        builder.Property(r => r.Article).HasMaxLength(20);
        builder.HasIndex(r => r.Article).IsUnique();
        builder.Property(r => r.TextZh).HasMaxLength(500);
        builder.Property(r => r.TextEn).HasMaxLength(500);
        builder.Property(r => r.Threshold).HasPrecision(8, 4);
        builder.Property(r => r.Version).IsRowVersion();
        builder.Ignore(r => r.Points);
    }
}

public sealed class DisciplineRecordConfiguration : IEntityTypeConfiguration<DisciplineRecord>
{
    public void Configure(EntityTypeBuilder<DisciplineRecord> builder)
    {
        builder.ToTable("discipline_records");
        builder.Property(r => r.EmployeeId).HasMaxLength(450);
        builder.Property(r => r.Article).HasMaxLength(20);
        builder.Property(r => r.RuleText).HasMaxLength(500);
        builder.Property(r => r.Evidence).HasMaxLength(2000);
        builder.Property(r => r.ProposedBy).HasMaxLength(450);
        builder.Property(r => r.SourceKey).HasMaxLength(200);
        builder.Property(r => r.DecidedBy).HasMaxLength(450);
        builder.Property(r => r.DecisionNote).HasMaxLength(2000);
        builder.Property(r => r.AppealReason).HasMaxLength(2000);
        builder.Property(r => r.AppealDecidedBy).HasMaxLength(450);
        builder.Property(r => r.AppealDecisionNote).HasMaxLength(2000);
        builder.Property(r => r.Version).IsRowVersion();
        builder.Ignore(r => r.Counts);
        builder.Ignore(r => r.Links);
        builder.ComplexCollection<List<EvidenceLink>, EvidenceLink>("_links", c => c.ToJson("links"));
        builder.HasOne<DisciplineRule>().WithMany().HasForeignKey(r => r.RuleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Infrastructure.Identity.AppUser>().WithMany().HasForeignKey(r => r.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DisciplineRecord>().WithMany().HasForeignKey(r => r.ReversesRecordId).OnDelete(DeleteBehavior.Restrict);

        // One automatic proposal per event.
        builder.HasIndex(r => r.SourceKey).IsUnique().HasFilter("source_key IS NOT NULL");
        builder.HasIndex(r => new { r.EmployeeId, r.FactDate });
        builder.HasIndex(r => new { r.Status, r.ProposedAt });

        // The decision queue (proposed or appealed), oldest first, with who proposed and about whom: its page and count
        // are index-only scans of this small partial index whatever the size of the history.
        builder.HasIndex(r => new { r.ProposedAt, r.Id }, "ix_discipline_records_open_queue").HasDatabaseName("ix_discipline_records_open_queue")
            .HasFilter("status IN ('Proposed', 'Appealed')")
            .IncludeProperties(r => new { r.Status, r.EmployeeId, r.ProposedBy });

        // All records newest first (the admin's view, any filter): keyset on (proposed at, id).
        builder.HasIndex(r => new { r.ProposedAt, r.Id }, "ix_discipline_records_proposed_at_id").HasDatabaseName("ix_discipline_records_proposed_at_id");

        // Covering: year-to-date standings and trends read every counting record of a period from the index alone.
        builder.HasIndex(r => r.FactDate).IncludeProperties(r => new { r.Id, r.Status, r.Level, r.EmployeeId, r.ReversesRecordId });
    }
}
