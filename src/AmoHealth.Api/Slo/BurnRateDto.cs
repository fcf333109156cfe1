namespace AmoHealth.Api.Slo;

/// <summary>How fast one window (<c>5m</c>, <c>30m</c>, <c>1h</c>, <c>6h</c>, <c>3d</c>, ending now) spends the error
/// budget: its bad share of judged minutes over the share the target allows. 1 spends exactly the budget over the SLO
/// window; 0 when nothing was judged in it.</summary>
public sealed record BurnRateDto(string Window, double Rate);
