using AfterSales.Domain.Calendar;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Web.Data.Configurations;

public sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    /// <summary>SQL: the work order carries at least one extra service.</summary>
    public const string ExtraServicesFilter = "extra_services <> '[]'::jsonb";

    public void Configure(EntityTypeBuilder<WorkOrder> builder)
    {
        builder.ToTable("work_orders");
        builder.Property(w => w.TechnicianId).HasMaxLength(450);
        builder.Property(w => w.AssignedBy).HasMaxLength(256);
        builder.Property(w => w.ArrivalNote).HasMaxLength(WorkOrder.NoteMaxLength);
        builder.Property(w => w.Diagnosis).HasMaxLength(WorkOrder.NoteMaxLength);
        builder.Property(w => w.TravelNote).HasMaxLength(200);
        builder.Property(w => w.UnfinishedReason).HasMaxLength(WorkOrder.NoteMaxLength);
        builder.Property(w => w.ShipmentReference).HasMaxLength(100);
        builder.Property(w => w.CustomerName).HasMaxLength(100);
        builder.Property(w => w.CustomerOpinion).HasMaxLength(WorkOrder.NoteMaxLength);
        builder.Property(w => w.HandedInTo).HasMaxLength(256);
        builder.Property(w => w.LabourHours).HasPrecision(6, 2);
        builder.Property(w => w.Version).IsRowVersion();
        builder.Ignore(w => w.Parts);
        builder.Ignore(w => w.ExtraServices);
        builder.Ignore(w => w.ExtraIncome);
        builder.Ignore(w => w.ExtraNetIncome);
        builder.Ignore(w => w.Extensions);
        builder.Ignore(w => w.AppointmentChanges);
        builder.Ignore(w => w.IsOpen);
        builder.ComplexCollection<List<PartLine>, PartLine>("_parts", c => c.ToJson("parts"));
        builder.ComplexCollection<List<ExtraServiceLine>, ExtraServiceLine>("_extraServices", c => c.ToJson("extra_services"));
        builder.ComplexCollection<List<RepairClockExtension>, RepairClockExtension>("_extensions", c =>
        {
            c.ToJson("clock_extensions");
            c.ComplexProperty(e => e.Notification);
        });
        builder.ComplexCollection<List<AppointmentChange>, AppointmentChange>("_appointmentChanges", c => c.ToJson("appointment_changes"));
        builder.HasOne<Ticket>().WithMany().HasForeignKey(w => w.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => new { w.TicketId, w.AssignedAt });
        builder.HasIndex(w => new { w.TechnicianId, w.Status, w.AppointmentDate });

        // Open work orders (the board): those with a repair clock by deadline, the others by appointment date;
        // each keyset-paged on its own partial index. Technicians' open jobs are counted from a third one.
        builder.HasIndex(w => new { w.Deadline, w.Id }, "ix_work_orders_open_deadline").HasDatabaseName("ix_work_orders_open_deadline").HasFilter("status <> 'Completed'");
        builder.HasIndex(w => new { w.AppointmentDate, w.Id }, "ix_work_orders_open_unclocked").HasDatabaseName("ix_work_orders_open_unclocked").HasFilter("status <> 'Completed' AND deadline IS NULL");
        builder.HasIndex(w => new { w.TechnicianId, w.AppointmentDate }, "ix_work_orders_open_technician").HasDatabaseName("ix_work_orders_open_technician").HasFilter("status <> 'Completed'");

        // The month's and the day's completed work (tallies, daily hours, weekly report).
        // Covering: the monthly tally sums hours per technician from the index alone.
        builder.HasIndex(w => w.CompletedAt).IncludeProperties(w => new { w.TechnicianId, w.LabourHours, w.Status });

        // The few work orders with extra services sold on site (the daily commission scan, art. 30).
        builder.HasIndex(w => w.CompletedAt, "ix_work_orders_completed_at_extra_services").HasDatabaseName("ix_work_orders_completed_at_extra_services").HasFilter(ExtraServicesFilter);
    }
}

public sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.ToTable("follow_ups");
        builder.Property(f => f.TechnicianId).HasMaxLength(450);
        builder.Property(f => f.Comment).HasMaxLength(FollowUp.CommentMaxLength);
        builder.Property(f => f.Version).IsRowVersion();
        builder.Ignore(f => f.Attempts);
        builder.Ignore(f => f.Score);
        builder.Ignore(f => f.CallsForComplaint);
        builder.ComplexCollection<List<FollowUpAttempt>, FollowUpAttempt>("_attempts", c => c.ToJson("attempts"));
        builder.HasOne<Ticket>().WithMany().HasForeignKey(f => f.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(f => f.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.WorkOrderId).IsUnique();
        builder.HasIndex(f => new { f.Status, f.DueOn });

        // The call queue: pending calls by (due date, id) — today's by id, the rest in due order — and its count.
        builder.HasIndex(f => new { f.DueOn, f.Id }, "ix_follow_ups_pending_queue").HasDatabaseName("ix_follow_ups_pending_queue").HasFilter("status = 'Pending'").IncludeProperties(f => f.TechnicianId);
        builder.HasIndex(f => new { f.TechnicianId, f.DoneAt });
        builder.HasIndex(f => f.DoneAt).IncludeProperties(f => new { f.TechnicianId, f.Status, f.Attitude, f.Competence, f.Speed, f.Result });
    }
}

public sealed class TechnicianProfileConfiguration : IEntityTypeConfiguration<TechnicianProfile>
{
    public void Configure(EntityTypeBuilder<TechnicianProfile> builder)
    {
        builder.ToTable("technician_profiles");
        builder.HasKey(t => t.TechnicianId);
        builder.Property(t => t.TechnicianId).HasMaxLength(450);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasOne<Infrastructure.Identity.AppUser>().WithOne().HasForeignKey<TechnicianProfile>(t => t.TechnicianId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AvailabilityEntryConfiguration : IEntityTypeConfiguration<AvailabilityEntry>
{
    public void Configure(EntityTypeBuilder<AvailabilityEntry> builder)
    {
        builder.ToTable("availability_entries");
        builder.Property(a => a.TechnicianId).HasMaxLength(450);
        builder.Property(a => a.Note).HasMaxLength(200);
        builder.HasIndex(a => new { a.TechnicianId, a.From, a.To });
        builder.HasOne<Infrastructure.Identity.AppUser>().WithMany().HasForeignKey(a => a.TechnicianId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RotationPointerConfiguration : IEntityTypeConfiguration<RotationPointer>
{
    public void Configure(EntityTypeBuilder<RotationPointer> builder)
    {
        builder.ToTable("rotation_pointers");
        builder.HasKey(r => r.Skill);
        builder.Property(r => r.Skill).HasMaxLength(32);
    }
}

public sealed class DispatchDecisionConfiguration : IEntityTypeConfiguration<DispatchDecision>
{
    public void Configure(EntityTypeBuilder<DispatchDecision> builder)
    {
        builder.ToTable("dispatch_decisions");
        builder.Property(d => d.RequiredSkill).HasMaxLength(32);
        builder.Property(d => d.SuggestedTechnicianId).HasMaxLength(450);
        builder.Property(d => d.ChosenTechnicianId).HasMaxLength(450);
        builder.Property(d => d.OverrideReason).HasMaxLength(500);
        builder.Property(d => d.DecidedBy).HasMaxLength(256);
        builder.Ignore(d => d.Skips);
        // Not a complex type: a skip's message arguments are typed object (numbers or text), which EF cannot map.
        builder.Property<List<RotationSkip>>("_skips").HasColumnName("skips").HasColumnType("jsonb")
            .HasConversion(StoredJson.Converter<List<RotationSkip>>(), StoredJson.Comparer<List<RotationSkip>>());
        builder.HasIndex(d => d.TicketId);
    }
}

public sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.ToTable("calendar_days");
        builder.HasKey(d => d.Day);
        builder.Property(d => d.Name).HasMaxLength(50);
    }
}

public sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> builder)
    {
        builder.ToTable("calendar_years");
        builder.HasKey(y => y.Year);
        builder.Property(y => y.Year).ValueGeneratedNever();
        builder.Property(y => y.ConfirmedBy).HasMaxLength(256);
        builder.Property(y => y.Version).IsRowVersion();
        builder.Ignore(y => y.Provisional);
    }
}
