namespace VaeLab.Configuration;

/// <summary>One setting of <see cref="RunConfig"/>: its JSON key, its CLI option and its description.</summary>
public sealed record SettingInfo(string Key, string Option, string Description, Type Type);
