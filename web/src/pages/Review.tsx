/**
 * 上传审核: the report text with every finding highlighted, the findings panel (filter, jump, page),
 * reviewers' decisions on findings, and comments on a span of the text.
 */
import { Alert, App, Button, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  api,
  type Comment,
  type Decision,
  type Finding,
  type Page,
  quoteOf,
  type Review as ReviewDoc,
} from '../api.ts';
import { formatDateTime } from '../format.ts';
import { FilterSelect } from './FilterSelect.tsx';
import { segmentText, selectionOffsets } from './highlight.ts';
import type { ReportTabProps } from './Report.tsx';
import { TextDialog } from './TextDialog.tsx';

const SEVERITY = {
  error: { name: '错误', color: 'red' },
  warning: { name: '警告', color: 'orange' },
  info: { name: '提示', color: 'blue' },
} as const;
const RANK = { error: 0, warning: 1, info: 2 } as const;

interface Loaded {
  text: string;
  review: ReviewDoc;
  decisions: Decision[];
  comments: Comment[];
}

export default function Review({ user, report }: ReportTabProps) {
  const { message } = App.useApp();
  const [data, setData] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [rule, setRule] = useState<string>();
  const [severity, setSeverity] = useState<Finding['severity']>();
  const [active, setActive] = useState<number>();
  const [dismissing, setDismissing] = useState<number>();
  const [reason, setReason] = useState('');
  const [selection, setSelection] = useState<{ start: number; end: number }>();
  const [commenting, setCommenting] = useState(false);
  const [commentBody, setCommentBody] = useState('');
  const textRef = useRef<HTMLDivElement>(null);
  const isReviewer = user.role === 'reviewer' || user.role === 'admin';

  const load = useCallback(async () => {
    try {
      const [text, review, decisions, comments] = await Promise.all([
        api<{ text: string }>('GET', `/api/reports/${report.id}/text`),
        api<ReviewDoc>('GET', `/api/reports/${report.id}/findings`),
        api<Decision[]>('GET', `/api/reports/${report.id}/decisions`),
        api<Page<Comment>>('GET', `/api/reports/${report.id}/comments?pageSize=100`),
      ]);
      setData({ text: text.text, review, decisions, comments: comments.items });
    } catch (e) {
      setError((e as Error).message);
    }
  }, [report.id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version (the form saved) means new findings
  useEffect(() => {
    void load();
  }, [load, report.currentVersion]);

  const segments = useMemo(
    () => (data ? segmentText(data.text, data.review.findings, data.comments) : []),
    [data],
  );
  const decisionOf = useCallback(
    (finding: Finding) =>
      data?.decisions.find((d) => d.rule === finding.rule && d.quote === quoteOf(finding.spans)),
    [data],
  );

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) return <Spin description="正在加载审查结果…" style={{ display: 'block', margin: 40 }} />;

  const findings = data.review.findings.map((finding, index) => ({ finding, index }));
  const shown = findings.filter(
    ({ finding }) => (!rule || finding.rule === rule) && (!severity || finding.severity === severity),
  );
  const rules = [...new Set(data.review.findings.map((f) => f.rule))].sort();
  const firstSegment = new Map<number, number>();
  segments.forEach((segment, i) => {
    for (const f of segment.findings) if (!firstSegment.has(f)) firstSegment.set(f, i);
  });

  const jump = (index: number) => {
    setActive(index);
    const at = firstSegment.get(index);
    if (at !== undefined)
      document.getElementById(`seg-${at}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const decide = async (index: number, decision: 'confirmed' | 'dismissed', why?: string) => {
    const finding = data.review.findings[index]!;
    try {
      await api('PUT', `/api/reports/${report.id}/decisions`, {
        rule: finding.rule,
        quote: quoteOf(finding.spans),
        decision,
        ...(why ? { reason: why } : {}),
      });
      message.success(decision === 'confirmed' ? '已确认' : '已标为“不是问题”');
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const addComment = async () => {
    if (!selection) return;
    try {
      await api('POST', `/api/reports/${report.id}/comments`, { body: commentBody.trim(), ...selection });
      message.success('意见已添加');
      setCommenting(false);
      setCommentBody('');
      setSelection(undefined);
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={15}>
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">选中原文后可添加意见。</Typography.Text>
          <Button size="small" disabled={!selection} onClick={() => setCommenting(true)}>
            对选中文字添加意见
          </Button>
        </Space>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: reading the text selection, not a control */}
        <div
          className="jx-text"
          ref={textRef}
          data-testid="report-text"
          onMouseUp={() => setSelection(textRef.current ? selectionOffsets(textRef.current) : undefined)}
          onKeyUp={() => setSelection(textRef.current ? selectionOffsets(textRef.current) : undefined)}
        >
          {segments.map((segment, i) => {
            const words = data.text.slice(segment.start, segment.end);
            if (segment.findings.length === 0 && segment.comments.length === 0)
              return (
                <span key={segment.start} data-start={segment.start}>
                  {words}
                </span>
              );
            const worst = segment.findings
              .map((f) => data.review.findings[f]!.severity)
              .sort((a, b) => RANK[a] - RANK[b])[0];
            const classes = ['jx-mark', worst ? `jx-mark-${worst}` : 'jx-mark-comment'];
            if (active !== undefined && segment.findings.includes(active)) classes.push('jx-mark-active');
            const titles = [
              ...segment.findings.map((f) => data.review.findings[f]!.message),
              ...segment.comments.map((c) => `意见：${data.comments.find((x) => x.id === c)?.body ?? ''}`),
            ];
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the findings panel is the keyboard route to each finding
              <mark
                key={segment.start}
                id={`seg-${i}`}
                data-start={segment.start}
                data-rules={segment.findings.map((f) => data.review.findings[f]!.rule).join(' ')}
                className={classes.join(' ')}
                title={titles.join('\n')}
                onClick={() => segment.findings[0] !== undefined && setActive(segment.findings[0])}
              >
                {words}
              </mark>
            );
          })}
        </div>
      </Col>
      <Col xs={24} lg={9}>
        <Space wrap style={{ marginBottom: 8 }}>
          <FilterSelect
            what="规则"
            all="全部规则"
            value={rule}
            onChange={setRule}
            options={rules.map((r) => ({ value: r, label: r }))}
            width={200}
          />
          <FilterSelect
            what="级别"
            all="全部级别"
            value={severity}
            onChange={setSeverity}
            options={(['error', 'warning', 'info'] as const).map((s) => ({
              value: s,
              label: SEVERITY[s].name,
            }))}
            width={120}
          />
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }}>
          共 {data.review.findings.length} 个问题：错误 {data.review.summary.error}，警告{' '}
          {data.review.summary.warning}，提示 {data.review.summary.info}
          {shown.length !== findings.length && `；显示 ${shown.length} 个`}
        </Typography.Paragraph>
        <div className="jx-findings" data-testid="findings">
          {shown.length === 0 ? (
            <Empty description={findings.length === 0 ? '未发现问题' : '没有符合筛选条件的问题'} />
          ) : (
            shown.map(({ finding, index }) => {
              const decision = decisionOf(finding);
              const page = finding.spans[0]?.page;
              return (
                // biome-ignore lint/a11y/useSemanticElements: a finding holds its own buttons; a <button> cannot
                <div
                  key={index}
                  className={`jx-finding${active === index ? ' jx-finding-active' : ''}`}
                  role="button"
                  tabIndex={0}
                  data-rule={finding.rule}
                  onClick={() => jump(index)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      jump(index);
                    }
                  }}
                >
                  <Space size={4} wrap>
                    <Tag color={SEVERITY[finding.severity].color}>{SEVERITY[finding.severity].name}</Tag>
                    <Typography.Text code>{finding.rule}</Typography.Text>
                    {page !== undefined && <Tag>第 {page} 页</Tag>}
                    {decision && (
                      <Tag color={decision.decision === 'confirmed' ? 'green' : 'default'}>
                        {decision.decision === 'confirmed' ? '已确认' : `不是问题：${decision.reason ?? ''}`}
                      </Tag>
                    )}
                  </Space>
                  <div style={{ marginTop: 4 }}>{finding.message}</div>
                  {isReviewer && (
                    <Space size={4} style={{ marginTop: 4 }} onClick={(e) => e.stopPropagation()}>
                      <Button size="small" onClick={() => decide(index, 'confirmed')}>
                        确认
                      </Button>
                      <Button size="small" onClick={() => setDismissing(index)}>
                        不是问题
                      </Button>
                    </Space>
                  )}
                </div>
              );
            })
          )}
        </div>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          意见（{data.comments.length}）
        </Typography.Title>
        {data.comments.length === 0 ? (
          <Typography.Text type="secondary">暂无意见</Typography.Text>
        ) : (
          data.comments.map((comment) => (
            <div key={comment.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Typography.Text strong>{comment.author}</Typography.Text>{' '}
              <Typography.Text type="secondary">{formatDateTime(comment.createdAt)}</Typography.Text>
              {comment.start !== null && comment.end !== null && (
                <div>
                  <Typography.Text type="secondary">
                    原文：“{data.text.slice(comment.start, Math.min(comment.end, comment.start + 60))}”
                  </Typography.Text>
                </div>
              )}
              <div>{comment.body}</div>
            </div>
          ))
        )}
      </Col>
      <TextDialog
        open={dismissing !== undefined}
        title="标为“不是问题”"
        okText="保存"
        rows={3}
        prompt={<p>请说明理由（将用于统计各规则的准确率）：</p>}
        label="理由"
        value={reason}
        onChange={setReason}
        onCancel={() => setDismissing(undefined)}
        onOk={async () => {
          const index = dismissing!;
          setDismissing(undefined);
          await decide(index, 'dismissed', reason.trim());
          setReason('');
        }}
      />
      <TextDialog
        open={commenting}
        title="添加意见"
        okText="添加"
        prompt={
          selection && (
            <p>原文：“{data.text.slice(selection.start, Math.min(selection.end, selection.start + 80))}”</p>
          )
        }
        label="意见"
        value={commentBody}
        onChange={setCommentBody}
        onCancel={() => setCommenting(false)}
        onOk={addComment}
      />
    </Row>
  );
}
