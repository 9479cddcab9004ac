using AfterSales.Domain.Tallies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Web.Data.Configurations;

/// <summary>
/// One row per month; the lines are a jsonb snapshot taken at submission, with the ids of the records it counts
/// (and takes back) as arrays so later months find corrections without reading the snapshots. A trigger (migration MonthlyTallies)
/// refuses any UPDATE or DELETE of a published or locked month, except the Published → Locked status change.
/// </summary>
public sealed class TallyConfiguration : IEntityTypeConfiguration<MonthlyTally>
{
    public void Configure(EntityTypeBuilder<MonthlyTally> builder)
    {
        builder.ToTable("monthly_tallies");
        builder.Property(t => t.Month).HasMaxLength(7);
        builder.HasIndex(t => t.Month).IsUnique();
        builder.Property(t => t.HourQuota).HasPrecision(8, 2);
        builder.Property(t => t.SubmittedBy).HasMaxLength(450);
        builder.Property(t => t.CheckedBy).HasMaxLength(450);
        builder.Property(t => t.PublishedBy).HasMaxLength(450);
        builder.Property(t => t.LockedBy).HasMaxLength(450);
        builder.Property(t => t.SentBackBy).HasMaxLength(450);
        builder.Property(t => t.SentBackReason).HasMaxLength(MonthlyTally.ReasonMaxLength);
        builder.Property(t => t.Version).IsRowVersion();
        builder.Ignore(t => t.Lines);
        builder.Ignore(t => t.IsClosed);
        builder.Ignore(t => t.IsPublished);
        builder.Ignore(t => t.TotalBonuses);
        builder.Ignore(t => t.TotalFines);
        builder.Ignore(t => t.TotalNetCash);
        builder.Ignore(t => t.SnapshotRecordIds);
        builder.Property(t => t.CountedRecordIds).HasColumnType("bigint[]");
        builder.Property(t => t.WithdrawnRecordIds).HasColumnType("bigint[]");
        // Not a complex collection: a line's records (and a record's links) are read-only lists, and EF maps a nested
        // collection only through an IList property. The snapshot is written once and read whole.
        builder.Property<List<TallyLine>>("_lines").HasColumnName("lines").HasColumnType("jsonb")
            .HasConversion(StoredJson.Converter<List<TallyLine>>(), StoredJson.Comparer<List<TallyLine>>());
    }
}
