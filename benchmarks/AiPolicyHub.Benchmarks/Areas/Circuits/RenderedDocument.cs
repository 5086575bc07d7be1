namespace AiPolicyHub.Benchmarks.Areas.Circuits;

/// <summary>
/// The page as a browser holds it after applying a circuit's render batches, reduced to what the protocol client needs: elements
/// with their attributes and event handler ids, text and markup. The edits are applied as blazor.web.js's BrowserRenderer does
/// (learned from it): each component has a container whose children the edits address by sibling index; regions add their
/// children to their parent's; an element reference capture adds no node; a child component is one node (its container).
/// Following the edits is what tells the client which event handler id the status filter has now (every render gives its
/// handlers new ids) and when the new rows are on the page.
/// </summary>
internal sealed class RenderedDocument
{
    private readonly Dictionary<int, LogicalNode> containers = [];

    /// <summary>A root component (<c>JS.AttachComponent</c>): its first diff fills an empty container, like the browser's after it cleared the prerendered HTML.</summary>
    public void AttachRootComponent(int componentId) => containers[componentId] = LogicalNode.Container();

    public void Apply(RenderBatch batch)
    {
        foreach (var diff in batch.Diffs)
        {
            if (!containers.TryGetValue(diff.ComponentId, out var container))
            {
                throw new InvalidOperationException($"The render batch updates component {diff.ComponentId}, which is not on the page.");
            }
            ApplyEdits(batch.Frames, container, diff.Edits);
        }
        foreach (var id in batch.DisposedComponentIds)
        {
            containers.Remove(id);
        }
    }

    /// <summary>The element with this <c>id</c> attribute and the component that rendered it (whose id the browser sends with the element's events).</summary>
    public (int ComponentId, LogicalNode Element)? FindById(string id)
    {
        foreach (var (componentId, container) in containers)
        {
            if (container.Descendants().FirstOrDefault(n => n.Attribute("id") == id) is { } element)
            {
                return (componentId, element);
            }
        }
        return null;
    }

    /// <summary>Every element with this tag name, in any component.</summary>
    public IEnumerable<LogicalNode> Elements(string name) =>
        containers.Values.SelectMany(c => c.Descendants()).Where(n => n.Kind == NodeKind.Element && n.Name == name);

    private void ApplyEdits(RenderFrame[] frames, LogicalNode container, RenderEdit[] edits)
    {
        var parent = container;
        var ancestors = new Stack<LogicalNode>();
        List<(int From, int To)>? permutation = null;
        foreach (var edit in edits)
        {
            var index = edit.SiblingIndex;
            switch (edit.Type)
            {
                case EditType.PrependFrame:
                    InsertFrame(frames, parent, index, edit.ReferenceFrameIndex);
                    break;
                case EditType.RemoveFrame:
                    parent.Children.RemoveAt(index);
                    break;
                case EditType.SetAttribute:
                    ElementAt(parent, index).SetAttribute(frames[edit.ReferenceFrameIndex]);
                    break;
                case EditType.RemoveAttribute:
                    ElementAt(parent, index).Attributes.Remove(edit.RemovedAttributeName!);
                    break;
                case EditType.UpdateText:
                case EditType.UpdateMarkup:
                    parent.Children[index].Text = frames[edit.ReferenceFrameIndex].Text;
                    break;
                case EditType.StepIn:
                    ancestors.Push(parent);
                    parent = parent.Children[index];
                    break;
                case EditType.StepOut:
                    parent = ancestors.Pop();
                    break;
                case EditType.PermutationListEntry:
                    (permutation ??= []).Add((index, edit.ReferenceFrameIndex));
                    break;
                case EditType.PermutationListEnd:
                    // Moves among siblings (rows with @key changing places): every "to" is filled from the order before the moves.
                    var before = parent.Children.ToArray();
                    foreach (var (from, to) in permutation ?? [])
                    {
                        parent.Children[to] = before[from];
                    }
                    permutation = null;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown render edit type {(int)edit.Type}.");
            }
        }
    }

    private static LogicalNode ElementAt(LogicalNode parent, int index) =>
        parent.Children[index] is { Kind: NodeKind.Element } element ? element
            : throw new InvalidOperationException($"The render batch sets an attribute on a {parent.Children[index].Kind}, not an element.");

    /// <summary>Inserts the frame and its subtree at <paramref name="childIndex"/>; returns how many nodes that added to the parent.</summary>
    private int InsertFrame(RenderFrame[] frames, LogicalNode parent, int childIndex, int frameIndex)
    {
        var frame = frames[frameIndex];
        switch (frame.Type)
        {
            case FrameType.Element:
                var element = LogicalNode.Element(frame.Name!);
                var end = frameIndex + frame.SubtreeLength;
                var child = frameIndex + 1;
                for (; child < end && frames[child].Type == FrameType.Attribute; child++)
                {
                    element.SetAttribute(frames[child]);
                }
                InsertFrames(frames, element, 0, child, end);
                parent.Children.Insert(childIndex, element);
                return 1;
            case FrameType.Text:
            case FrameType.Markup:
                parent.Children.Insert(childIndex, LogicalNode.Content(frame.Type == FrameType.Text ? NodeKind.Text : NodeKind.Markup, frame.Text));
                return 1;
            case FrameType.Component:
                // Its content arrives as the component's own diff, in this batch or a later one.
                var container = LogicalNode.Container();
                containers[frame.ComponentId] = container;
                parent.Children.Insert(childIndex, container);
                return 1;
            case FrameType.Region:
                return InsertFrames(frames, parent, childIndex, frameIndex + 1, frameIndex + frame.SubtreeLength);
            case FrameType.ElementReferenceCapture:
                return 0;
            default:
                throw new InvalidOperationException($"A render frame of type {(int)frame.Type} cannot be inserted.");
        }
    }

    private int InsertFrames(RenderFrame[] frames, LogicalNode parent, int childIndex, int start, int end)
    {
        var first = childIndex;
        for (var i = start; i < end; i++)
        {
            childIndex += InsertFrame(frames, parent, childIndex, i);
            if (frames[i].Type is FrameType.Element or FrameType.Component or FrameType.Region)
            {
                i += frames[i].SubtreeLength - 1; // its descendants were inserted with it
            }
        }
        return childIndex - first;
    }
}

internal enum NodeKind
{
    Element,
    Text,
    Markup,
    Component,
}

/// <summary>A node of <see cref="RenderedDocument"/>: an element, text, a piece of markup, or a component's container.</summary>
internal sealed class LogicalNode
{
    private LogicalNode(NodeKind kind, string? name, string? text)
    {
        Kind = kind;
        Name = name;
        Text = text;
    }

    public NodeKind Kind { get; }

    /// <summary>An element's tag name.</summary>
    public string? Name { get; }

    /// <summary>A text node's text or a markup node's HTML.</summary>
    public string? Text { get; set; }

    public List<LogicalNode> Children { get; } = [];

    /// <summary>An element's attributes: a value (null or "" for a boolean) or, for an event, the handler id the server assigned.</summary>
    public Dictionary<string, (string? Value, ulong EventHandlerId)> Attributes { get; } = new(StringComparer.Ordinal);

    public static LogicalNode Element(string name) => new(NodeKind.Element, name, null);

    public static LogicalNode Content(NodeKind kind, string? text) => new(kind, null, text);

    public static LogicalNode Container() => new(NodeKind.Component, null, null);

    public string? Attribute(string name) => Attributes.TryGetValue(name, out var attribute) ? attribute.Value : null;

    public ulong EventHandler(string attributeName) => Attributes.TryGetValue(attributeName, out var attribute) ? attribute.EventHandlerId : 0;

    public void SetAttribute(RenderFrame frame) => Attributes[frame.Name!] = (frame.Text, frame.EventHandlerId);

    /// <summary>This node's descendants in document order, without entering child components (their containers are listed on their own).</summary>
    public IEnumerable<LogicalNode> Descendants()
    {
        foreach (var child in Children)
        {
            yield return child;
            if (child.Kind == NodeKind.Element)
            {
                foreach (var descendant in child.Descendants())
                {
                    yield return descendant;
                }
            }
        }
    }

    /// <summary>The HTML of this node's markup children, e.g. a table row's cells written as one piece of markup.</summary>
    public string Markup() => string.Concat(Children.Where(c => c.Kind == NodeKind.Markup).Select(c => c.Text));
}
