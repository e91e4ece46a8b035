"""MXNet helpers for the book: ``from d2l import mxnet as d2l``."""
import mxnet as mx
from mxnet import npx

from d2l._seeding import seeder

set_seed, get_seed = seeder(mx.random.seed)

#################   WARNING   ################
# The below part is generated automatically through:
#    d2lbook build lib
# Don't edit it directly

def to_numpy(x):
    """MXNet 배열이면 NumPy 배열로 바꾸고, 아니면 그대로 돌려줍니다.

    Defined in :numref:`sec_calculus`"""
    return x.asnumpy() if hasattr(x, 'asnumpy') else x

def use_svg_display():
    """노트북의 그림을 SVG로 보여 주고, 같은 그림은 언제나 같은 바이트로 씁니다.

    Defined in :numref:`sec_calculus`"""
    import matplotlib
    from matplotlib_inline import backend_inline
    matplotlib.rcParams['svg.hashsalt'] = 'd2l-ko'  # SVG 요소의 id를 난수 대신 이 값에서 만듭니다
    backend_inline.set_matplotlib_formats('svg', metadata={'Date': None})  # 만든 날짜는 적지 않습니다

def set_figsize(figsize=(3.5, 2.5)):
    """그림을 SVG로 보여 주고, 앞으로 만들 그림의 크기(가로, 세로, 인치)를 정합니다.

    Defined in :numref:`sec_calculus`"""
    import matplotlib
    use_svg_display()
    matplotlib.rcParams['figure.figsize'] = figsize

def set_axes(axes, xlabel, ylabel, xlim, ylim, xscale, yscale, legend):
    """matplotlib 축의 이름, 범위, 눈금 종류, 범례를 정하고 격자를 그립니다.

    Defined in :numref:`sec_calculus`"""
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.set_xscale(xscale)
    axes.set_yscale(yscale)
    if xlim is not None:
        axes.set_xlim(xlim)
    if ylim is not None:
        axes.set_ylim(ylim)
    if legend:
        axes.legend(legend)
    axes.grid(True)

def show_figure(alt, fig=None):
    """그림 fig(주지 않으면 지금의 그림)를 대체 텍스트 alt와 함께 노트북에 보여 주고 닫습니다.

    Defined in :numref:`sec_calculus`"""
    import sys
    from matplotlib import pyplot as plt
    fig = plt.gcf() if fig is None else fig
    if 'ipykernel' not in sys.modules:  # 노트북 커널 밖에서는 그림을 열어 둡니다
        return fig
    from IPython.display import display
    display(fig, metadata={'alt': alt})  # 출력의 메타데이터: 책은 이것을 그림의 alt로 씁니다
    plt.close(fig)

def plot(x, ys, xlabel=None, ylabel=None, legend=None, xlim=None, ylim=None, xscale='linear', yscale='linear', styles=('-', '--', '-.', ':'), figsize=(3.5, 2.5), axes=None, alt=None):
    """가로축 값 x에 곡선 ys(배열 하나 또는 배열의 리스트)를 그립니다.

    Defined in :numref:`sec_calculus`"""
    from matplotlib import pyplot as plt
    if not isinstance(ys, (list, tuple)):
        ys = [ys]
    set_figsize(figsize)
    if axes is None:
        axes = plt.figure().add_subplot()
    x = to_numpy(x)
    for i, y in enumerate(ys):
        axes.plot(x, to_numpy(y), styles[i % len(styles)])
    set_axes(axes, xlabel, ylabel, xlim, ylim, xscale, yscale, legend)
    if alt is not None:
        show_figure(alt, axes.figure)

def cpu():
    """CPU 장치를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return npx.cpu()

def gpu(i=0):
    """i번 GPU 장치를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return npx.gpu(i)

def num_gpus():
    """사용할 수 있는 GPU의 개수를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return npx.num_gpus()

def try_gpu(i=0):
    """i번 GPU가 있으면 그 GPU를, 없으면 CPU를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    if num_gpus() >= i + 1:
        return gpu(i)
    return cpu()

def try_all_gpus():
    """모든 GPU의 리스트를 돌려줍니다. GPU가 없으면 [cpu()]입니다.

    Defined in :numref:`sec_use_gpu`"""
    return [gpu(i) for i in range(num_gpus())] or [cpu()]