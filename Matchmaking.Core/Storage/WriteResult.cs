namespace Matchmaking.Core.Storage;

/// <summary>How a write ended when it did not simply succeed.</summary>
public enum WriteOutcome
{
    Done,
    NotFound,
    Duplicate,
    Conflict,
}

/// <summary>The outcome of a write, its value when done, and a sentence for the caller otherwise.</summary>
public sealed record WriteResult<T>(WriteOutcome Outcome, T? Value = default, string? Detail = null)
{
    public static WriteResult<T> Done(T value) => new(WriteOutcome.Done, value);

    public static WriteResult<T> NotFound() => new(WriteOutcome.NotFound);

    public static WriteResult<T> Duplicate(string detail) => new(WriteOutcome.Duplicate, default, detail);

    public static WriteResult<T> Conflict(string detail) => new(WriteOutcome.Conflict, default, detail);
}
