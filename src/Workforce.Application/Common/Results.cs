using Workforce.Domain.Common;

namespace Workforce.Application.Common;

/// <summary>A refusal of a command, for one input field (null: the whole input), as a message the UI renders.</summary>
/// <param name="Field">Input field, or null.</param>
/// <param name="Message">What is wrong.</param>
public sealed record FieldError(string? Field, Message Message)
{
    /// <summary>A refusal with a resource key and its arguments.</summary>
    public FieldError(string? field, string code, params object?[] args)
        : this(field, new Message(code, args))
    {
    }

    /// <summary>A broken business rule, on the field the rule names (or <paramref name="field"/> when it names none).</summary>
    public static FieldError From(DomainException ex, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return new FieldError(ex.Field ?? field, ex.ToMessage());
    }
}

/// <summary>Outcome of a command: a value, or the errors to show.</summary>
/// <typeparam name="T">Value type.</typeparam>
/// <param name="Value">The value when it succeeded.</param>
/// <param name="Errors">The refusals (empty on success).</param>
public sealed record CommandResult<T>(T? Value, IReadOnlyList<FieldError> Errors)
{
    /// <summary>True without errors.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Success.</summary>
    public static CommandResult<T> Ok(T value) => new(value, []);

    /// <summary>Failure.</summary>
    public static CommandResult<T> Fail(params FieldError[] errors) => new(default, errors);

    /// <summary>Failure with one message.</summary>
    public static CommandResult<T> Fail(string? field, string code, params object?[] args) => new(default, [new FieldError(field, code, args)]);
}

/// <summary>A page of results.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">This page.</param>
/// <param name="Total">Items over all pages.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Items per page.</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>Number of pages (at least 1).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
