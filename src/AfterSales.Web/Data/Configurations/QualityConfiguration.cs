using AfterSales.Domain.Complaints;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Exchanges;
using AfterSales.Domain.Quality;
using AfterSales.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Web.Data.Configurations;

public sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.ToTable("complaints");
        builder.Property(c => c.FaultCategory).HasMaxLength(50);
        builder.Property(c => c.Summary).HasMaxLength(Complaint.TextMaxLength);
        builder.Property(c => c.CustomerWants).HasMaxLength(Complaint.TextMaxLength);
        builder.Property(c => c.HandlerId).HasMaxLength(450);
        builder.Property(c => c.RecordedBy).HasMaxLength(450);
        builder.Property(c => c.Solution).HasMaxLength(Complaint.TextMaxLength);
        builder.Property(c => c.Result).HasMaxLength(Complaint.TextMaxLength);
        builder.Property(c => c.ReportedUpTo).HasMaxLength(450);
        builder.Property(c => c.ProposalEvidence).HasMaxLength(Complaint.TextMaxLength);
        builder.Property(c => c.ClassifiedBy).HasMaxLength(450);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.TicketId).IsUnique();
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QualityReport>().WithMany().HasForeignKey(c => c.QualityReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ProductModelId, c.FaultCategory, c.RecordedAt });
        builder.HasIndex(c => new { c.Class, c.RecordedAt });
        builder.HasIndex(c => c.RecordedAt);

        // The ledger's work queue (unclassified or not resolved), oldest first: page and count on a partial index.
        builder.HasIndex(c => new { c.RecordedAt, c.Id }, "ix_complaints_open_queue").HasDatabaseName("ix_complaints_open_queue").HasFilter("class IS NULL OR stage <> 'Resolved'");

        // The whole ledger newest first: keyset on (recorded at, id).
        builder.HasIndex(c => new { c.RecordedAt, c.Id }, "ix_complaints_recorded_at_id").HasDatabaseName("ix_complaints_recorded_at_id");
    }
}

public sealed class QualityReportConfiguration : IEntityTypeConfiguration<QualityReport>
{
    public void Configure(EntityTypeBuilder<QualityReport> builder)
    {
        builder.ToTable("quality_reports");
        builder.Property(r => r.BatchOrSerialRange).HasMaxLength(200);
        builder.Property(r => r.Fault).HasMaxLength(500);
        builder.Property(r => r.Evidence).HasMaxLength(QualityReport.TextMaxLength);
        builder.Property(r => r.OwnerId).HasMaxLength(450);
        builder.Property(r => r.RaisedBy).HasMaxLength(450);
        builder.Property(r => r.RootCause).HasMaxLength(QualityReport.TextMaxLength);
        builder.Property(r => r.CorrectiveAction).HasMaxLength(QualityReport.TextMaxLength);
        builder.Property(r => r.Verification).HasMaxLength(QualityReport.TextMaxLength);
        builder.Property(r => r.Version).IsRowVersion();
        builder.Ignore(r => r.Cases);
        builder.Ignore(r => r.ComplaintIds);
        // A list of plain ids is not a complex type (EF would map it to a bigint[] column): kept as a jsonb array.
        builder.Property<List<long>>("_complaintIds").HasColumnName("complaint_ids").HasColumnType("jsonb")
            .HasConversion(StoredJson.Converter<List<long>>(), StoredJson.Comparer<List<long>>());
        builder.HasIndex(r => new { r.Status, r.DueOn });

        // The report list's default view (not closed, by due date) pages and counts on a partial index; the whole
        // list newest first pages by (raised at, id).
        builder.HasIndex(r => new { r.DueOn, r.Id }, "ix_quality_reports_open_queue").HasDatabaseName("ix_quality_reports_open_queue").HasFilter("status <> 'Closed'");
        builder.HasIndex(r => new { r.RaisedAt, r.Id }, "ix_quality_reports_raised_at_id").HasDatabaseName("ix_quality_reports_raised_at_id");
    }
}

public sealed class ExchangeRequestConfiguration : IEntityTypeConfiguration<ExchangeRequest>
{
    public void Configure(EntityTypeBuilder<ExchangeRequest> builder)
    {
        builder.ToTable("exchange_requests");
        builder.Property(e => e.Reason).HasMaxLength(ExchangeRequest.TextMaxLength);
        builder.Property(e => e.Evidence).HasMaxLength(ExchangeRequest.TextMaxLength);
        builder.Property(e => e.RequestedBy).HasMaxLength(450);
        builder.Property(e => e.NewSerialNumber).HasMaxLength(64);
        builder.Property(e => e.HandledBy).HasMaxLength(450);
        builder.Property(e => e.Version).IsRowVersion();
        builder.Ignore(e => e.Decisions);
        builder.ComplexCollection<List<ExchangeDecision>, ExchangeDecision>("_decisions", c => c.ToJson("decisions"));
        builder.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(e => e.OldUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.Status, e.StepDueAt });
        builder.HasIndex(e => e.TicketId);

        // The exchange page's three orders, each paged by cursor and counted on its own index: requests waiting for
        // someone by the step's due time, the ledger by completion, every request by the request time.
        builder.HasIndex(e => new { e.StepDueAt, e.Id }, "ix_exchange_requests_open_queue").HasDatabaseName("ix_exchange_requests_open_queue")
            .HasFilter("status IN ('Pending', 'Returned', 'Approved')").IncludeProperties(e => new { e.Status, e.CurrentStep });
        builder.HasIndex(e => new { e.CompletedAt, e.Id }, "ix_exchange_requests_ledger").HasDatabaseName("ix_exchange_requests_ledger").HasFilter("status = 'Completed'");
        builder.HasIndex(e => new { e.RequestedAt, e.Id }, "ix_exchange_requests_requested_at_id").HasDatabaseName("ix_exchange_requests_requested_at_id");
    }
}
