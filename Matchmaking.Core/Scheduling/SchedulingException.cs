namespace Matchmaking.Core.Scheduling;

/// <summary>No valid schedule can be made from what is stored (e.g. too many slots, or no placement found in time).</summary>
public sealed class SchedulingException(string message, Exception? inner = null) : Exception(message, inner);
