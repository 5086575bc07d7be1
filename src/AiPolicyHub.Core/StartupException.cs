namespace AiPolicyHub.Core;

/// <summary>
/// The app cannot start safely (an unreadable database file, a folder it cannot write, an unusable
/// bootstrap password). The message tells the operator what to do; the app stops instead of, say,
/// creating a new, empty database over data it cannot read.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
