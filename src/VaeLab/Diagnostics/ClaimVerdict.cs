namespace VaeLab.Diagnostics;

/// <summary>
/// One claim's verdict: "holds", "fails" or "n/a", with the numbers it came from. The verdicts are judged in
/// VaeLab.Claims; the record lives here because diagnostics.json carries them.
/// </summary>
public sealed record ClaimVerdict(string Id, string Status, string Measurement, string Criterion);
