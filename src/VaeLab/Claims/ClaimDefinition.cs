namespace VaeLab.Claims;

/// <summary>A claim of SCIENCE.md section 6: what it says, where it comes from, how it is measured.</summary>
public sealed record ClaimDefinition(string Id, string Statement, string Source, string Measurement, string HoldsWhen);
