using AiPolicyHub.Core.LiveChanges;
using AiPolicyHub.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> lease)
    {
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(JobLease.NameLength);
        lease.Property(l => l.Holder).HasMaxLength(JobLease.HolderLength).IsRequired();
        lease.Property(l => l.ExpiresAt).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
    }
}

internal sealed class ScheduledJobRunConfiguration : IEntityTypeConfiguration<ScheduledJobRun>
{
    public void Configure(EntityTypeBuilder<ScheduledJobRun> run)
    {
        run.Property(r => r.Job).HasMaxLength(JobLease.NameLength).IsRequired();
        run.Property(r => r.Instance).HasMaxLength(JobLease.HolderLength).IsRequired();
        run.Property(r => r.Outcome).HasMaxLength(ScheduledJobRun.OutcomeLength).IsRequired();
        run.Property(r => r.StartedAt).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
        run.Property(r => r.FinishedAt).HasConversion(at => at, at => at == null ? null : DateTime.SpecifyKind(at.Value, DateTimeKind.Utc));
        run.HasIndex(r => new { r.Job, r.StartedAt });
    }
}

internal sealed class ChangeNoticeConfiguration : IEntityTypeConfiguration<ChangeNotice>
{
    public void Configure(EntityTypeBuilder<ChangeNotice> notice)
    {
        notice.Property(n => n.Topic).HasMaxLength(ChangeNotice.TopicLength).IsRequired();
        notice.Property(n => n.Message).HasMaxLength(ChangeNotice.MessageLength).IsRequired();
        notice.Property(n => n.At).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
        notice.HasIndex(n => n.At);
    }
}
