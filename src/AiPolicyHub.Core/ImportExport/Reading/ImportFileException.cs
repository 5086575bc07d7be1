namespace AiPolicyHub.Core.ImportExport.Reading;

/// <summary>The file as a whole cannot be read; the message says why and what to do, in the user's words.</summary>
public sealed class ImportFileException(string message) : Exception(message);
