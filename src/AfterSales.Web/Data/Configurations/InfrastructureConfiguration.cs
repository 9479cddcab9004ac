using AfterSales.Web.Infrastructure.Auditing;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Web.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.EntityName).HasMaxLength(100);
        builder.Property(a => a.EntityKey).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(16);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Changes).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.EntityName, a.EntityKey, a.At });
    }
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(100);
        builder.Property(u => u.EmployeeNo).HasMaxLength(20);
        builder.Property(u => u.Department).HasMaxLength(100);
    }
}
