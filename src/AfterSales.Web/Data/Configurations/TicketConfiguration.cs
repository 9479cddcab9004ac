using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Web.Data.Configurations;

public sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    /// <summary>SQL: the ticket is in a state a visit can be dispatched from (the board's queries must imply it to use ix_tickets_waiting).</summary>
    public const string WaitingFilter = "status IN ('New', 'AwaitingQuote', 'Quoted', 'Consented') AND service_mode <> 'PhoneFix'";

    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.ToTable("tickets");
        builder.Property(t => t.Number).HasMaxLength(Ticket.NumberMaxLength);
        builder.HasIndex(t => t.Number).IsUnique().HasOperators("text_pattern_ops");
        builder.HasIndex(t => t.IntakeKey).IsUnique();
        builder.Property(t => t.FaultDescription).HasMaxLength(Ticket.FaultDescriptionMaxLength);
        builder.Property(t => t.PreferredTime).HasMaxLength(Ticket.PreferredTimeMaxLength);
        builder.Property(t => t.CreatedBy).HasMaxLength(Ticket.UserIdMaxLength);
        builder.Property(t => t.ResolvedBy).HasMaxLength(Ticket.UserIdMaxLength);
        builder.Property(t => t.QuotedBy).HasMaxLength(Ticket.UserIdMaxLength);
        builder.Property(t => t.AssignedTechnicianId).HasMaxLength(Ticket.UserIdMaxLength);
        builder.Property(t => t.Resolution).HasMaxLength(Ticket.AnswerMaxLength);
        builder.Property(t => t.CancellationReason).HasMaxLength(Ticket.ReasonMaxLength);
        builder.Property(t => t.Version).IsRowVersion();

        builder.Ignore(t => t.WarrantyReasons);
        builder.Ignore(t => t.QuoteLines);
        builder.Ignore(t => t.RepeatCalls);
        // Value objects kept as jsonb (EF's JSON mapping, named as StoredJson writes them). The lists are mapped through
        // their private fields: a complex collection must be an IList, and the aggregate shows a read-only list.
        builder.ComplexCollection<List<RepeatCall>, RepeatCall>("_repeatCalls", c => c.ToJson("repeat_calls"));
        builder.ComplexCollection<List<WarrantyReasonRecord>, WarrantyReasonRecord>("_warrantyReasons", c => c.ToJson("warranty_reasons"));
        builder.ComplexCollection<List<QuoteLine>, QuoteLine>("_quoteLines", c =>
        {
            c.ToJson("quote_lines");

            // Get-only properties, read back through the checking constructor.
            c.Property(q => q.Kind);
            c.Property(q => q.Description);
            c.Property(q => q.PartNumber);
            c.Property(q => q.Quantity);
            c.Property(q => q.UnitPrice);
        });
        builder.ComplexProperty(t => t.Consent, c => c.ToJson("consent"));

        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProductModel>().WithMany().HasForeignKey(t => t.ProductModelId).OnDelete(DeleteBehavior.Restrict);

        // The desk's list: newest first with keyset paging, narrowed by status or by a customer/unit.
        builder.HasIndex(t => new { t.CreatedAt, t.Id }, "ix_tickets_created").HasDatabaseName("ix_tickets_created").IsDescending(true, true);
        builder.HasIndex(t => new { t.Status, t.CreatedAt, t.Id }, "ix_tickets_status_created").HasDatabaseName("ix_tickets_status_created").IsDescending(false, true, true);
        builder.HasIndex(t => new { t.CustomerId, t.CreatedAt });
        builder.HasIndex(t => new { t.UnitId, t.CreatedAt });
        builder.HasIndex(t => new { t.AssignedTechnicianId, t.CreatedAt });
        builder.HasOne<Ticket>().WithMany().HasForeignKey(t => t.RelatedTicketId).OnDelete(DeleteBehavior.Restrict);

        // The dispatcher's board: tickets waiting for a visit, one keyset segment per urgency, oldest first;
        // the id makes the order total so (created_at, id) > (…) pages without a sort.
        builder.HasIndex(t => new { t.Urgency, t.CreatedAt, t.Id }, "ix_tickets_waiting").HasDatabaseName("ix_tickets_waiting")
            .HasFilter(WaitingFilter);

        // Words in the fault text: trigram GIN (3+ characters).
        builder.HasIndex(t => t.FaultDescription, "ix_tickets_fault_trgm").HasDatabaseName("ix_tickets_fault_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");

        // Every single character and pair of characters of the fault text and the customer's name, kept by a
        // database trigger (SearchText), so a word of any length is found in every ticket through one GIN index.
        var grams = builder.Property<string[]>(SearchText.GramsColumn).HasColumnType("text[]").HasDefaultValueSql("'{}'::text[]").ValueGeneratedNever();
        grams.Metadata.SetBeforeSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        grams.Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        builder.HasIndex(SearchText.GramsColumn).HasDatabaseName("ix_tickets_search_grams").HasMethod("gin");
    }
}

/// <summary>Per-day counter behind SR-yyyyMMdd-NNNN ticket numbers.</summary>
/// <summary>A day's ticket numbers are <see cref="TicketNumbers.Sequence"/>'s values minus <see cref="Base"/>.</summary>
public sealed class TicketNumberDay
{
    public DateOnly Day { get; set; }

    public long Base { get; set; }
}

public sealed class TicketNumberDayConfiguration : IEntityTypeConfiguration<TicketNumberDay>
{
    public void Configure(EntityTypeBuilder<TicketNumberDay> builder)
    {
        builder.ToTable("ticket_number_days");
        builder.HasKey(c => c.Day);
    }
}
