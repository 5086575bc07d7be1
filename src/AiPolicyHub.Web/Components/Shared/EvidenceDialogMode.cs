namespace AiPolicyHub.Web.Components.Shared;

/// <summary>What the evidence dialog is for.</summary>
public enum EvidenceDialogMode { AddFile, AddLink, Replace, Edit }
