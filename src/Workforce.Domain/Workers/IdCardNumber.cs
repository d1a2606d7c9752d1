using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Workforce.Domain.Common;

namespace Workforce.Domain.Workers;

/// <summary>Sex as encoded in the 17th digit of an ID-card number.</summary>
public enum Sex
{
    /// <summary>女.</summary>
    Female = 0,
    /// <summary>男.</summary>
    Male = 1,
}

/// <summary>
/// A resident ID-card number (居民身份证号码, GB 11643-1999): 6-digit region code, 8-digit birth date,
/// 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character.
/// <see cref="ToString"/> returns the masked form so the number never leaks into logs by accident;
/// read <see cref="Value"/> deliberately when the full number is needed.
/// </summary>
public readonly record struct IdCardNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";
    private static readonly LocalDatePattern BirthPattern = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    private IdCardNumber(string value) => Value = value;

    /// <summary>The full 18-character number (upper-case X).</summary>
    public string Value { get; }

    /// <summary>Birth date encoded in digits 7–14.</summary>
    public LocalDate BirthDate => BirthPattern.Parse(Value.Substring(6, 8)).Value;

    /// <summary>Sex encoded in digit 17.</summary>
    public Sex Sex => (Value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>Administrative division code of first registration (digits 1–6).</summary>
    public string RegionCode => Value[..6];

    /// <summary>Masked for display: first four and last four characters, e.g. <c>3205**********1234</c>.</summary>
    public string Masked => Value is null ? string.Empty : string.Concat(Value.AsSpan(0, 4), new string('*', 10), Value.AsSpan(14, 4));

    /// <summary>Parses and validates; throws <see cref="DomainException"/> with the reason.</summary>
    public static IdCardNumber Parse(string? text)
    {
        var error = Validate(text, out var value);
        return error is null ? new IdCardNumber(value) : throw new DomainException(error, Mask(text)) { Field = "IdCardNumber" };
    }

    /// <summary>Parses without throwing; <paramref name="errorCode"/> names the broken rule.</summary>
    public static bool TryParse(string? text, out IdCardNumber number, out string? errorCode)
    {
        errorCode = Validate(text, out var value);
        number = errorCode is null ? new IdCardNumber(value) : default;
        return errorCode is null;
    }

    /// <summary>The check character for the first 17 digits.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Seventeen digits are required.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = first17[i] - '0';
            if (d is < 0 or > 9)
            {
                throw new ArgumentException("Digits only.", nameof(first17));
            }
            sum += d * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>Age in whole years on <paramref name="date"/>.</summary>
    public int AgeOn(LocalDate date) => Period.Between(BirthDate, date, PeriodUnits.Years).Years;

    /// <inheritdoc />
    public override string ToString() => Masked;

    private static string? Validate(string? text, out string value)
    {
        value = (text ?? string.Empty).Trim().ToUpperInvariant();
        if (value.Length != 18)
        {
            return "IdCard.Length";
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return "IdCard.Digits";
            }
        }
        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
        {
            return "IdCard.Digits";
        }
        if (value[0] == '0')
        {
            return "IdCard.Region";
        }
        var birth = BirthPattern.Parse(value.Substring(6, 8));
        if (!birth.Success || birth.Value.Year < 1900)
        {
            return "IdCard.BirthDate";
        }
        if (ComputeCheckCharacter(value.AsSpan(0, 17)) != value[17])
        {
            return "IdCard.CheckDigit";
        }
        return null;
    }

    private static string Mask(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        return t.Length >= 8 ? string.Concat(t.AsSpan(0, 4), "…", t.AsSpan(t.Length - 4)) : "…";
    }

    /// <summary>Formats the birth date for display (yyyy-MM-dd, invariant).</summary>
    public string BirthDateText => BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
