namespace VaeLab.Core;

/// <summary>A setting has a bad value. The message is one line: the setting, the value received, what is expected.</summary>
public sealed class ConfigException(string message) : Exception(message);
