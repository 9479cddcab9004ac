using AfterSales.Domain.Tickets;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Web.Data.Configurations;

public sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    /// <summary>One owner never keeps two views of the same name.</summary>
    public const string OwnerNameIndex = "ix_saved_ticket_views_owner_id_name";

    public void Configure(EntityTypeBuilder<SavedView> builder)
    {
        builder.ToTable("saved_ticket_views");
        builder.Property(v => v.OwnerId).HasMaxLength(450);
        builder.Property(v => v.Name).HasMaxLength(SavedView.NameMaxLength * 2);
        builder.ComplexProperty(v => v.Filter, c => c.ToJson("filter"));
        builder.Property(v => v.Version).IsRowVersion();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.OwnerId, v.Name }, OwnerNameIndex).HasDatabaseName(OwnerNameIndex).IsUnique();

        // Everyone's tabs list the team's shared views: a small partial index.
        builder.HasIndex(v => v.Name, "ix_saved_ticket_views_shared").HasDatabaseName("ix_saved_ticket_views_shared").HasFilter("is_shared");
    }
}

public sealed class SavedViewDefaultConfiguration : IEntityTypeConfiguration<SavedViewDefault>
{
    public void Configure(EntityTypeBuilder<SavedViewDefault> builder)
    {
        builder.ToTable("saved_ticket_view_defaults");
        builder.HasKey(d => d.UserId);
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SavedView>().WithMany().HasForeignKey(d => d.ViewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.ViewId);
    }
}
