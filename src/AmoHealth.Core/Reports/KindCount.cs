using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Reports;

/// <summary>How many incidents of one kind (the outcome that opened them) started in the month.</summary>
public readonly record struct KindCount(Outcome Kind, int Count);
