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

        // Name search while typing: prefix via the pattern-ops btree (any length), anywhere via trigrams (3+ characters).
        builder.HasIndex(c => c.Name, "ix_customers_name_trgm").HasDatabaseName("ix_customers_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(c => c.Name, "ix_customers_name_prefix").HasDatabaseName("ix_customers_name_prefix").HasOperators("text_pattern_ops");
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
        builder.HasIndex(p => p.Number, "ix_customer_phones_number_prefix").HasDatabaseName("ix_customer_phones_number_prefix").HasOperators("text_pattern_ops");
        builder.HasIndex(p => p.Number, "ix_customer_phones_number_trgm").HasDatabaseName("ix_customer_phones_number_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
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
