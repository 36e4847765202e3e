// Lucide's icons (the `lucide` package's data) as plain SVG components. lucide-react's icons
// are client components, so each one on a server-rendered page is a client reference with its
// path data in the page's payload. These have no hooks and no client boundary: server and
// client components both render them as ordinary markup.
import { createElement, type SVGProps } from 'react';
import {
  ArrowRight as arrowRightNode,
  ArrowUpFromLine as arrowUpFromLineNode,
  ChartColumn as chartColumnNode,
  ChevronLeft as chevronLeftNode,
  ChevronRight as chevronRightNode,
  CircleAlert as circleAlertNode,
  CircleCheck as circleCheckNode,
  CircleDashed as circleDashedNode,
  CircleQuestionMark as circleQuestionMarkNode,
  CircleX as circleXNode,
  Download as downloadNode,
  Eye as eyeNode,
  EyeOff as eyeOffNode,
  Flag as flagNode,
  Funnel as funnelNode,
  Gauge as gaugeNode,
  GitCompareArrows as gitCompareArrowsNode,
  Glasses as glassesNode,
  Hourglass as hourglassNode,
  ImageOff as imageOffNode,
  Inbox as inboxNode,
  Info as infoNode,
  KeyRound as keyRoundNode,
  LoaderCircle as loaderCircleNode,
  LogIn as logInNode,
  LogOut as logOutNode,
  Maximize as maximizeNode,
  NotebookPen as notebookPenNode,
  RefreshCw as refreshCwNode,
  RotateCw as rotateCwNode,
  ScanFace as scanFaceNode,
  Search as searchNode,
  Send as sendNode,
  ShieldAlert as shieldAlertNode,
  ShieldX as shieldXNode,
  Split as splitNode,
  TriangleAlert as triangleAlertNode,
  Undo2 as undo2Node,
  UserCheck as userCheckNode,
  UserCog as userCogNode,
  UserLock as userLockNode,
  UserX as userXNode,
  X as xNode,
  ZoomIn as zoomInNode,
  ZoomOut as zoomOutNode,
  type IconNode,
} from 'lucide';

export type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'>;
export type IconComponent = (props: IconProps) => React.ReactElement;

function icon(name: string, node: IconNode): IconComponent {
  function LucideIcon({ className, ...props }: IconProps) {
    // Decorative unless the caller names it, as lucide-react does.
    const named = props['aria-label'] !== undefined || props['aria-labelledby'] !== undefined || props.role !== undefined;
    return createElement(
      'svg',
      {
        xmlns: 'http://www.w3.org/2000/svg',
        width: 24,
        height: 24,
        viewBox: '0 0 24 24',
        fill: 'none',
        stroke: 'currentColor',
        strokeWidth: 2,
        strokeLinecap: 'round',
        strokeLinejoin: 'round',
        ...(named ? {} : { 'aria-hidden': true }),
        ...props,
        className: className ? `lucide lucide-${name} ${className}` : `lucide lucide-${name}`,
      },
      node.map(([tag, attributes], i) => createElement(tag, { key: i, ...attributes })),
    );
  }
  LucideIcon.displayName = name;
  return LucideIcon;
}

export const ArrowRight = icon('arrow-right', arrowRightNode);
export const ArrowUpFromLine = icon('arrow-up-from-line', arrowUpFromLineNode);
export const ChartColumn = icon('chart-column', chartColumnNode);
export const ChevronLeft = icon('chevron-left', chevronLeftNode);
export const ChevronRight = icon('chevron-right', chevronRightNode);
export const CircleAlert = icon('circle-alert', circleAlertNode);
export const CircleCheck = icon('circle-check', circleCheckNode);
export const CircleDashed = icon('circle-dashed', circleDashedNode);
export const CircleQuestionMark = icon('circle-question-mark', circleQuestionMarkNode);
export const CircleX = icon('circle-x', circleXNode);
export const Download = icon('download', downloadNode);
export const Eye = icon('eye', eyeNode);
export const EyeOff = icon('eye-off', eyeOffNode);
export const Flag = icon('flag', flagNode);
export const Funnel = icon('funnel', funnelNode);
export const Gauge = icon('gauge', gaugeNode);
export const GitCompareArrows = icon('git-compare-arrows', gitCompareArrowsNode);
export const Glasses = icon('glasses', glassesNode);
export const Hourglass = icon('hourglass', hourglassNode);
export const ImageOff = icon('image-off', imageOffNode);
export const Inbox = icon('inbox', inboxNode);
export const Info = icon('info', infoNode);
export const KeyRound = icon('key-round', keyRoundNode);
export const LoaderCircle = icon('loader-circle', loaderCircleNode);
export const LogIn = icon('log-in', logInNode);
export const LogOut = icon('log-out', logOutNode);
export const Maximize = icon('maximize', maximizeNode);
export const NotebookPen = icon('notebook-pen', notebookPenNode);
export const RefreshCw = icon('refresh-cw', refreshCwNode);
export const RotateCw = icon('rotate-cw', rotateCwNode);
export const ScanFace = icon('scan-face', scanFaceNode);
export const Search = icon('search', searchNode);
export const Send = icon('send', sendNode);
export const ShieldAlert = icon('shield-alert', shieldAlertNode);
export const ShieldX = icon('shield-x', shieldXNode);
export const Split = icon('split', splitNode);
export const TriangleAlert = icon('triangle-alert', triangleAlertNode);
export const Undo2 = icon('undo-2', undo2Node);
export const UserCheck = icon('user-check', userCheckNode);
export const UserCog = icon('user-cog', userCogNode);
export const UserLock = icon('user-lock', userLockNode);
export const UserX = icon('user-x', userXNode);
export const X = icon('x', xNode);
export const ZoomIn = icon('zoom-in', zoomInNode);
export const ZoomOut = icon('zoom-out', zoomOutNode);
