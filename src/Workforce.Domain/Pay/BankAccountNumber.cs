using System.Text.RegularExpressions;
using Workforce.Domain.Common;

namespace Workforce.Domain.Pay;

/// <summary>
/// A bank account or card number for salary transfers: 12 to 30 digits (spaces and dashes are
/// ignored). Stored encrypted; <see cref="ToString"/> is masked to the last four digits.
/// </summary>
public readonly partial record struct BankAccountNumber
{
    private BankAccountNumber(string value) => Value = value;

    /// <summary>The full number (only for the bank transfer file).</summary>
    public string Value { get; }

    /// <summary>Masked for display, e.g. <c>6222 **** **** 1234</c>.</summary>
    public string Masked => Value is null ? string.Empty : string.Concat(Value.AsSpan(0, 4), " **** **** ", Value.AsSpan(Value.Length - 4));

    /// <summary>Parses and validates; throws <see cref="DomainException"/> when malformed.</summary>
    public static BankAccountNumber Parse(string? text)
    {
        var v = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return Pattern().IsMatch(v) ? new BankAccountNumber(v) : throw new DomainException("Pay.BankAccountInvalid") { Field = "AccountNumber" };
    }

    /// <inheritdoc />
    public override string ToString() => Masked;

    [GeneratedRegex("^[0-9]{12,30}$")]
    private static partial Regex Pattern();
}

/// <summary>The salary account of a worker (one per worker; optional).</summary>
public sealed class BankAccount
{
    private BankAccount() { BankName = string.Empty; }

    /// <summary>Creates the account of a worker.</summary>
    public BankAccount(long workerId, string bankName, BankAccountNumber number)
    {
        WorkerId = workerId;
        BankName = string.Empty;
        Change(bankName, number);
    }

    /// <summary>Worker (key).</summary>
    public long WorkerId { get; private set; }
    /// <summary>Bank and branch (开户行).</summary>
    public string BankName { get; private set; }
    /// <summary>Account number (encrypted at rest).</summary>
    public BankAccountNumber Number { get; private set; }

    /// <summary>Replaces bank and number.</summary>
    public void Change(string bankName, BankAccountNumber number)
    {
        BankName = Text.Required(bankName, 100, "BankName");
        Number = number;
    }
}

/// <summary>
/// A worker's salary account as it stood when a pay period was approved: the bank file of that month is written from these,
/// whatever changes afterwards. Recorded again when an approval is withdrawn and given anew.
/// </summary>
public sealed class ApprovedBankAccount
{
    private ApprovedBankAccount() { BankName = string.Empty; }

    /// <summary>Pay period (key, with the worker).</summary>
    public long PeriodId { get; private set; }
    /// <summary>Worker.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Bank and branch (开户行).</summary>
    public string BankName { get; private set; }
    /// <summary>Account number (encrypted at rest).</summary>
    public BankAccountNumber Number { get; private set; }
}
