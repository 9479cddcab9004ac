using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Web.Data.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.ContactPerson).HasMaxLength(100);
        builder.Property(c => c.Address).HasMaxLength(500);
        builder.HasMany(c => c.Phones).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Phones).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(c => c.Version).IsRowVersion();

        // Name search while typing: trigram index (3+ characters) and prefix via the btree.
        builder.HasIndex(c => c.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_customers_name_trgm");
        builder.HasIndex(c => c.Name).HasDatabaseName("ix_customers_name");
    }
}

public sealed class CustomerPhoneConfiguration : IEntityTypeConfiguration<CustomerPhone>
{
    public void Configure(EntityTypeBuilder<CustomerPhone> builder)
    {
        builder.ToTable("customer_phones");
        builder.Property(p => p.Number).HasMaxLength(20);
        builder.Property(p => p.Label).HasMaxLength(50);
        builder.HasIndex(p => new { p.CustomerId, p.Number }).IsUnique();

        // Exact and prefix lookups use the pattern-ops btree; partial (middle/tail) lookups the trigram index.
        builder.HasIndex(p => p.Number).HasOperators("text_pattern_ops").HasDatabaseName("ix_customer_phones_number_prefix");
        builder.HasIndex(p => p.Number).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_customer_phones_number_trgm");
    }
}

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("units");
        builder.Property(u => u.SerialNumber).HasMaxLength(64);
        builder.Property(u => u.InvoiceNumber).HasMaxLength(64);
        builder.Property(u => u.Dealer).HasMaxLength(200);
        builder.HasIndex(u => new { u.ProductModelId, u.SerialNumber }).IsUnique();
        builder.HasIndex(u => u.SerialNumber).HasOperators("text_pattern_ops");
        builder.HasIndex(u => u.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(u => u.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProductModel>().WithMany().HasForeignKey(u => u.ProductModelId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(u => u.Version).IsRowVersion();
    }
}
