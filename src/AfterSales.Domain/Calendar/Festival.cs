namespace AfterSales.Domain.Calendar;

/// <summary>Mainland China's national public holidays (法定节假日), by festival.</summary>
public enum Festival
{
    /// <summary>元旦.</summary>
    NewYear,

    /// <summary>春节.</summary>
    SpringFestival,

    /// <summary>清明节.</summary>
    Qingming,

    /// <summary>劳动节.</summary>
    LabourDay,

    /// <summary>端午节.</summary>
    DragonBoat,

    /// <summary>中秋节.</summary>
    MidAutumn,

    /// <summary>国庆节.</summary>
    NationalDay,
}
