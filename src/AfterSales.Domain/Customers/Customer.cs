namespace AfterSales.Domain.Customers;

public enum CustomerKind
{
    Person,
    Organisation,
}

/// <summary>A person or organisation the company serves, reachable on one or more phone numbers.</summary>
public sealed class Customer
{
    private readonly List<CustomerPhone> _phones = [];

    private Customer()
    {
        Name = "";
    }

    public Customer(CustomerKind kind, string name, string? address, DateTimeOffset createdAt)
    {
        Kind = kind;
        Name = Guard.Required(name, 200, "customer.name");
        Address = Guard.Optional(address, 500);
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }

    public CustomerKind Kind { get; private set; }

    public string Name { get; private set; }

    /// <summary>For an organisation, the person to ask for.</summary>
    public string? ContactPerson { get; private set; }

    public string? Address { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyCollection<CustomerPhone> Phones => _phones;

    public void Update(CustomerKind kind, string name, string? contactPerson, string? address)
    {
        Kind = kind;
        Name = Guard.Required(name, 200, "customer.name");
        ContactPerson = Guard.Optional(contactPerson, 100);
        Address = Guard.Optional(address, 500);
    }

    public CustomerPhone AddPhone(string number, string? label = null)
    {
        var normalised = PhoneNumber.Normalise(number);
        if (_phones.Any(p => p.Number == normalised))
        {
            throw new DomainException("customer.duplicate_phone", $"The phone number {normalised} is already recorded for this customer.", normalised);
        }

        var phone = new CustomerPhone(normalised, Guard.Optional(label, 50));
        _phones.Add(phone);
        return phone;
    }

    public void RemovePhone(string number)
    {
        var normalised = PhoneNumber.Normalise(number);
        if (_phones.Count == 1 && _phones[0].Number == normalised)
        {
            throw new DomainException("customer.last_phone", "A customer keeps at least one phone number.");
        }

        _phones.RemoveAll(p => p.Number == normalised);
    }
}

public sealed class CustomerPhone
{
    private CustomerPhone()
    {
        Number = "";
    }

    internal CustomerPhone(string number, string? label)
    {
        Number = number;
        Label = label;
    }

    public long Id { get; private set; }

    public long CustomerId { get; private set; }

    /// <summary>Digits only (a leading + kept), as typed by the desk without spaces or dashes.</summary>
    public string Number { get; private set; }

    public string? Label { get; private set; }
}
