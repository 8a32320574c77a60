import{$ as e,A as t,C as n,Ct as r,E as i,G as a,J as o,K as s,Kt as c,Ot as l,Q as u,Rt as d,St as f,Tt as p,Ut as m,Wt as h,X as ee,Y as g,Z as _,an as v,at as y,b,bt as x,cn as S,dt as C,et as w,gn as T,gt as E,ht as D,it as O,j as k,jt as te,l as A,o as ne,pt as j,qt as M,rt as N,s as P,sn as F,st as I,t as L,tn as re,ut as R,v as z,wt as B,xt as V,yt as ie,z as H}from"./index-B_E433ba.js";import{a as U,f as W,n as ae,r as oe,t as G}from"./datatable-Cgj7i_QL.js";import{t as K}from"./inputtext-X6F5rDPH.js";import{t as se}from"./tag-zuj3y56x.js";import{t as q}from"./EmptyState-CJrOozkN.js";import{t as J}from"./RelativeTime-DFZCPHs7.js";import{r as Y}from"./time-oqNHmczA.js";var ce=H.extend({name:`tab`,classes:{root:function(e){var t=e.instance,n=e.props;return[`p-tab`,{"p-tab-active":t.active,"p-disabled":n.disabled}]}}}),X={name:`Tab`,extends:{name:`BaseTab`,extends:k,props:{value:{type:[String,Number],default:void 0},disabled:{type:Boolean,default:!1},as:{type:[String,Object],default:`BUTTON`},asChild:{type:Boolean,default:!1}},style:ce,provide:function(){return{$pcTab:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`,`$pcTabList`],methods:{onFocus:function(){this.$pcTabs.selectOnFocus&&this.changeActiveValue()},onClick:function(){this.changeActiveValue()},onKeydown:function(e){switch(e.code){case`ArrowRight`:this.onArrowRightKey(e);break;case`ArrowLeft`:this.onArrowLeftKey(e);break;case`Home`:this.onHomeKey(e);break;case`End`:this.onEndKey(e);break;case`PageDown`:this.onPageDownKey(e);break;case`PageUp`:this.onPageUpKey(e);break;case`Enter`:case`NumpadEnter`:case`Space`:this.onEnterKey(e)}},onArrowRightKey:function(e){var t=this.findNextTab(e.currentTarget);t?this.changeFocusedTab(e,t):this.onHomeKey(e),e.preventDefault()},onArrowLeftKey:function(e){var t=this.findPrevTab(e.currentTarget);t?this.changeFocusedTab(e,t):this.onEndKey(e),e.preventDefault()},onHomeKey:function(e){var t=this.findFirstTab();this.changeFocusedTab(e,t),e.preventDefault()},onEndKey:function(e){var t=this.findLastTab();this.changeFocusedTab(e,t),e.preventDefault()},onPageDownKey:function(e){this.scrollInView(this.findLastTab()),e.preventDefault()},onPageUpKey:function(e){this.scrollInView(this.findFirstTab()),e.preventDefault()},onEnterKey:function(e){this.changeActiveValue()},findNextTab:function(e){var t=arguments.length>1&&arguments[1]!==void 0&&arguments[1]?e:e.nextElementSibling;return t?m(t,`data-p-disabled`)||m(t,`data-pc-section`)===`activebar`?this.findNextTab(t):F(t,`[data-pc-name="tab"]`):null},findPrevTab:function(e){var t=arguments.length>1&&arguments[1]!==void 0&&arguments[1]?e:e.previousElementSibling;return t?m(t,`data-p-disabled`)||m(t,`data-pc-section`)===`activebar`?this.findPrevTab(t):F(t,`[data-pc-name="tab"]`):null},findFirstTab:function(){return this.findNextTab(this.$pcTabList.$refs.tabs.firstElementChild,!0)},findLastTab:function(){return this.findPrevTab(this.$pcTabList.$refs.tabs.lastElementChild,!0)},changeActiveValue:function(){this.$pcTabs.updateValue(this.value)},changeFocusedTab:function(e,t){re(t),this.scrollInView(t)},scrollInView:function(e){var t;e==null||(t=e.scrollIntoView)==null||t.call(e,{block:`nearest`})}},computed:{active:function(){return T(this.$pcTabs?.d_value,this.value)},id:function(){return`${this.$pcTabs?.$id}_tab_${this.value}`},ariaControls:function(){return`${this.$pcTabs?.$id}_tabpanel_${this.value}`},attrs:function(){return I(this.asAttrs,this.a11yAttrs,this.ptmi(`root`,this.ptParams))},asAttrs:function(){return this.as===`BUTTON`?{type:`button`,disabled:this.disabled}:void 0},a11yAttrs:function(){return{id:this.id,tabindex:this.active?this.$pcTabs.tabindex:-1,role:`tab`,"aria-selected":this.active,"aria-controls":this.ariaControls,"data-pc-name":`tab`,"data-p-disabled":this.disabled,"data-p-active":this.active,onFocus:this.onFocus,onKeydown:this.onKeydown}},ptParams:function(){return{context:{active:this.active}}},dataP:function(){return S({active:this.active})}},directives:{ripple:i}};X.render=function(e,t,n,r,i,a){var o=D(`ripple`);return e.asChild?j(e.$slots,`default`,{key:1,dataP:a.dataP,class:p(e.cx(`root`)),active:a.active,a11yAttrs:a.a11yAttrs,onClick:a.onClick}):V((C(),u(E(e.as),I({key:0,class:e.cx(`root`),"data-p":a.dataP,onClick:a.onClick},a.attrs),{default:x(function(){return[j(e.$slots,`default`)]}),_:3},16,[`class`,`data-p`,`onClick`])),[[o]])};var Z={name:`ChevronLeftIcon`,extends:t};function le(e){return pe(e)||fe(e)||de(e)||ue()}function ue(){throw TypeError(`Invalid attempt to spread non-iterable instance.
In order to be iterable, non-array objects must have a [Symbol.iterator]() method.`)}function de(e,t){if(e){if(typeof e==`string`)return Q(e,t);var n={}.toString.call(e).slice(8,-1);return n===`Object`&&e.constructor&&(n=e.constructor.name),n===`Map`||n===`Set`?Array.from(e):n===`Arguments`||/^(?:Ui|I)nt(?:8|16|32)(?:Clamped)?Array$/.test(n)?Q(e,t):void 0}}function fe(e){if(typeof Symbol<`u`&&e[Symbol.iterator]!=null||e[`@@iterator`]!=null)return Array.from(e)}function pe(e){if(Array.isArray(e))return Q(e)}function Q(e,t){(t==null||t>e.length)&&(t=e.length);for(var n=0,r=Array(t);n<t;n++)r[n]=e[n];return r}Z.render=function(e,t,n,r,i,a){return C(),w(`svg`,I({width:`14`,height:`14`,viewBox:`0 0 14 14`,fill:`none`,xmlns:`http://www.w3.org/2000/svg`},e.pti()),le(t[0]||=[_(`path`,{d:`M9.61296 13C9.50997 13.0005 9.40792 12.9804 9.3128 12.9409C9.21767 12.9014 9.13139 12.8433 9.05902 12.7701L3.83313 7.54416C3.68634 7.39718 3.60388 7.19795 3.60388 6.99022C3.60388 6.78249 3.68634 6.58325 3.83313 6.43628L9.05902 1.21039C9.20762 1.07192 9.40416 0.996539 9.60724 1.00012C9.81032 1.00371 10.0041 1.08597 10.1477 1.22959C10.2913 1.37322 10.3736 1.56698 10.3772 1.77005C10.3808 1.97313 10.3054 2.16968 10.1669 2.31827L5.49496 6.99022L10.1669 11.6622C10.3137 11.8091 10.3962 12.0084 10.3962 12.2161C10.3962 12.4238 10.3137 12.6231 10.1669 12.7701C10.0945 12.8433 10.0083 12.9014 9.91313 12.9409C9.81801 12.9804 9.71596 13.0005 9.61296 13Z`,fill:`currentColor`},null,-1)]),16)};var me=H.extend({name:`tablist`,classes:{root:`p-tablist`,content:`p-tablist-content p-tablist-viewport`,tabList:`p-tablist-tab-list`,activeBar:`p-tablist-active-bar`,prevButton:`p-tablist-prev-button p-tablist-nav-button`,nextButton:`p-tablist-next-button p-tablist-nav-button`}}),he={name:`TabList`,extends:{name:`BaseTabList`,extends:k,props:{},style:me,provide:function(){return{$pcTabList:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`],data:function(){return{isPrevButtonEnabled:!1,isNextButtonEnabled:!0}},resizeObserver:void 0,inkBarObserver:void 0,watch:{showNavigators:function(e){e?this.bindResizeObserver():this.unbindResizeObserver()},activeValue:{flush:`post`,handler:function(){this.updateInkBar(),this.bindInkBarObserver()}}},mounted:function(){var e=this;setTimeout(function(){e.updateInkBar(),e.bindInkBarObserver()},150),this.showNavigators&&(this.updateButtonState(),this.bindResizeObserver())},updated:function(){this.showNavigators&&this.updateButtonState()},beforeUnmount:function(){this.unbindResizeObserver(),this.unbindInkBarObserver()},methods:{onScroll:function(e){this.showNavigators&&this.updateButtonState(),e.preventDefault()},onPrevButtonClick:function(){var e=this.$refs.content,t=this.getVisibleButtonWidths(),n=h(e)-t,r=Math.abs(e.scrollLeft)-n*.8,i=Math.max(r,0);e.scrollLeft=M(e)?-1*i:i},onNextButtonClick:function(){var e=this.$refs.content,t=this.getVisibleButtonWidths(),n=h(e)-t,r=Math.abs(e.scrollLeft)+n*.8,i=e.scrollWidth-n,a=Math.min(r,i);e.scrollLeft=M(e)?-1*a:a},bindResizeObserver:function(){var e=this;this.resizeObserver=new ResizeObserver(function(){return e.updateButtonState()}),this.resizeObserver.observe(this.$refs.list)},unbindResizeObserver:function(){var e;(e=this.resizeObserver)==null||e.unobserve(this.$refs.list),this.resizeObserver=void 0},bindInkBarObserver:function(){var e=this;this.unbindInkBarObserver();var t=this.$refs.content,n=F(t,`[data-pc-name="tab"][data-p-active="true"]`);n&&(this.inkBarObserver=new ResizeObserver(function(){return e.updateInkBar()}),this.inkBarObserver.observe(n))},unbindInkBarObserver:function(){var e;(e=this.inkBarObserver)==null||e.disconnect(),this.inkBarObserver=void 0},updateInkBar:function(){var e=this.$refs,t=e.content,n=e.inkbar,r=e.tabs;if(n){var i=F(t,`[data-pc-name="tab"][data-p-active="true"]`);this.$pcTabs.isVertical()?(n.style.height=te(i)+`px`,n.style.top=d(i).top-d(r).top+`px`):(n.style.width=v(i)+`px`,n.style.left=d(i).left-d(r).left+`px`)}},updateButtonState:function(){var e=this.$refs,t=e.list,n=e.content,r=n.scrollTop,i=n.scrollWidth,a=n.scrollHeight,o=n.offsetWidth,s=n.offsetHeight,l=Math.abs(n.scrollLeft),u=[h(n),c(n)],d=u[0],f=u[1];this.$pcTabs.isVertical()?(this.isPrevButtonEnabled=r!==0,this.isNextButtonEnabled=t.offsetHeight>=s&&parseInt(r)!==a-f):(this.isPrevButtonEnabled=l!==0,this.isNextButtonEnabled=t.offsetWidth>=o&&parseInt(l)!==i-d)},getVisibleButtonWidths:function(){var e=this.$refs,t=e.prevButton,n=e.nextButton,r=0;return this.showNavigators&&(r=(t?.offsetWidth||0)+(n?.offsetWidth||0)),r}},computed:{templates:function(){return this.$pcTabs.$slots},activeValue:function(){return this.$pcTabs.d_value},showNavigators:function(){return this.$pcTabs.showNavigators},prevButtonAriaLabel:function(){return this.$primevue.config.locale.aria?this.$primevue.config.locale.aria.previous:void 0},nextButtonAriaLabel:function(){return this.$primevue.config.locale.aria?this.$primevue.config.locale.aria.next:void 0},dataP:function(){return S({scrollable:this.$pcTabs.scrollable})}},components:{ChevronLeftIcon:Z,ChevronRightIcon:oe},directives:{ripple:i}},ge=[`data-p`],_e=[`aria-label`,`tabindex`],ve=[`data-p`],ye=[`aria-orientation`],be=[`aria-label`,`tabindex`];he.render=function(t,n,r,i,a,o){var s=D(`ripple`);return C(),w(`div`,I({ref:`list`,class:t.cx(`root`),"data-p":o.dataP},t.ptmi(`root`)),[o.showNavigators&&a.isPrevButtonEnabled?V((C(),w(`button`,I({key:0,ref:`prevButton`,type:`button`,class:t.cx(`prevButton`),"aria-label":o.prevButtonAriaLabel,tabindex:o.$pcTabs.tabindex,onClick:n[0]||=function(){return o.onPrevButtonClick&&o.onPrevButtonClick.apply(o,arguments)}},t.ptm(`prevButton`),{"data-pc-group-section":`navigator`}),[(C(),u(E(o.templates.previcon||`ChevronLeftIcon`),I({"aria-hidden":`true`},t.ptm(`prevIcon`)),null,16))],16,_e)),[[s]]):e(``,!0),_(`div`,I({ref:`content`,class:t.cx(`content`),onScroll:n[1]||=function(){return o.onScroll&&o.onScroll.apply(o,arguments)},"data-p":o.dataP},t.ptm(`content`)),[_(`div`,I({ref:`tabs`,class:t.cx(`tabList`),role:`tablist`,"aria-orientation":o.$pcTabs.orientation||`horizontal`},t.ptm(`tabList`)),[j(t.$slots,`default`),_(`span`,I({ref:`inkbar`,class:t.cx(`activeBar`),role:`presentation`,"aria-hidden":`true`},t.ptm(`activeBar`)),null,16)],16,ye)],16,ve),o.showNavigators&&a.isNextButtonEnabled?V((C(),w(`button`,I({key:1,ref:`nextButton`,type:`button`,class:t.cx(`nextButton`),"aria-label":o.nextButtonAriaLabel,tabindex:o.$pcTabs.tabindex,onClick:n[2]||=function(){return o.onNextButtonClick&&o.onNextButtonClick.apply(o,arguments)}},t.ptm(`nextButton`),{"data-pc-group-section":`navigator`}),[(C(),u(E(o.templates.nexticon||`ChevronRightIcon`),I({"aria-hidden":`true`},t.ptm(`nextIcon`)),null,16))],16,be)),[[s]]):e(``,!0)],16,ge)};var xe=H.extend({name:`tabpanel`,classes:{root:function(e){return[`p-tabpanel`,{"p-tabpanel-active":e.instance.active}]}}}),$={name:`TabPanel`,extends:{name:`BaseTabPanel`,extends:k,props:{value:{type:[String,Number],default:void 0},as:{type:[String,Object],default:`DIV`},asChild:{type:Boolean,default:!1},header:null,headerStyle:null,headerClass:null,headerProps:null,headerActionProps:null,contentStyle:null,contentClass:null,contentProps:null,disabled:Boolean},style:xe,provide:function(){return{$pcTabPanel:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`],computed:{active:function(){return T(this.$pcTabs?.d_value,this.value)},id:function(){return`${this.$pcTabs?.$id}_tabpanel_${this.value}`},ariaLabelledby:function(){return`${this.$pcTabs?.$id}_tab_${this.value}`},attrs:function(){return I(this.a11yAttrs,this.ptmi(`root`,this.ptParams))},a11yAttrs:function(){return{id:this.id,tabindex:this.$pcTabs?.tabindex,role:`tabpanel`,"aria-labelledby":this.ariaLabelledby,"data-pc-name":`tabpanel`,"data-p-active":this.active}},ptParams:function(){return{context:{active:this.active}}}}};$.render=function(t,n,r,i,a,o){var c,l;return o.$pcTabs?(C(),w(g,{key:1},[t.asChild?j(t.$slots,`default`,{key:1,class:p(t.cx(`root`)),active:o.active,a11yAttrs:o.a11yAttrs}):(C(),w(g,{key:0},[!((c=o.$pcTabs)!=null&&c.lazy)||o.active?V((C(),u(E(t.as),I({key:0,class:t.cx(`root`)},o.attrs),{default:x(function(){return[j(t.$slots,`default`)]}),_:3},16,[`class`])),[[s,(l=o.$pcTabs)!=null&&l.lazy?!0:o.active]]):e(``,!0)],64))],64)):j(t.$slots,`default`,{key:0})};var Se=H.extend({name:`tabpanels`,classes:{root:`p-tabpanels`}}),Ce={name:`TabPanels`,extends:{name:`BaseTabPanels`,extends:k,props:{},style:Se,provide:function(){return{$pcTabPanels:this,$parentInstance:this}}},inheritAttrs:!1};Ce.render=function(e,t,n,r,i,a){return C(),w(`div`,I({class:e.cx(`root`),role:`presentation`},e.ptmi(`root`)),[j(e.$slots,`default`)],16)};var we=H.extend({name:`tabs`,style:`
    .p-tabs {
        display: flex;
        flex-direction: column;
    }

    .p-tablist {
        display: flex;
        position: relative;
        overflow: hidden;
        background: dt('tabs.tablist.background');
    }

    .p-tablist-viewport {
        overflow-x: auto;
        overflow-y: hidden;
        scroll-behavior: smooth;
        scrollbar-width: none;
        overscroll-behavior: contain auto;
    }

    .p-tablist-viewport::-webkit-scrollbar {
        display: none;
    }

    .p-tablist-tab-list {
        position: relative;
        display: flex;
        border-style: solid;
        border-color: dt('tabs.tablist.border.color');
        border-width: dt('tabs.tablist.border.width');
    }

    .p-tablist-content {
        flex-grow: 1;
    }

    .p-tablist-nav-button {
        all: unset;
        position: absolute !important;
        flex-shrink: 0;
        inset-block-start: 0;
        z-index: 2;
        height: 100%;
        display: flex;
        align-items: center;
        justify-content: center;
        background: dt('tabs.nav.button.background');
        color: dt('tabs.nav.button.color');
        width: dt('tabs.nav.button.width');
        transition:
            color dt('tabs.transition.duration'),
            outline-color dt('tabs.transition.duration'),
            box-shadow dt('tabs.transition.duration');
        box-shadow: dt('tabs.nav.button.shadow');
        outline-color: transparent;
        cursor: pointer;
    }

    .p-tablist-nav-button:focus-visible {
        z-index: 1;
        box-shadow: dt('tabs.nav.button.focus.ring.shadow');
        outline: dt('tabs.nav.button.focus.ring.width') dt('tabs.nav.button.focus.ring.style') dt('tabs.nav.button.focus.ring.color');
        outline-offset: dt('tabs.nav.button.focus.ring.offset');
    }

    .p-tablist-nav-button:hover {
        color: dt('tabs.nav.button.hover.color');
    }

    .p-tablist-prev-button {
        inset-inline-start: 0;
    }

    .p-tablist-next-button {
        inset-inline-end: 0;
    }

    .p-tablist-prev-button:dir(rtl),
    .p-tablist-next-button:dir(rtl) {
        transform: rotate(180deg);
    }

    .p-tab {
        flex-shrink: 0;
        cursor: pointer;
        user-select: none;
        position: relative;
        border-style: solid;
        white-space: nowrap;
        gap: dt('tabs.tab.gap');
        background: dt('tabs.tab.background');
        border-width: dt('tabs.tab.border.width');
        border-color: dt('tabs.tab.border.color');
        color: dt('tabs.tab.color');
        padding: dt('tabs.tab.padding');
        font-weight: dt('tabs.tab.font.weight');
        transition:
            background dt('tabs.transition.duration'),
            border-color dt('tabs.transition.duration'),
            color dt('tabs.transition.duration'),
            outline-color dt('tabs.transition.duration'),
            box-shadow dt('tabs.transition.duration');
        margin: dt('tabs.tab.margin');
        outline-color: transparent;
    }

    .p-tab:not(.p-disabled):focus-visible {
        z-index: 1;
        box-shadow: dt('tabs.tab.focus.ring.shadow');
        outline: dt('tabs.tab.focus.ring.width') dt('tabs.tab.focus.ring.style') dt('tabs.tab.focus.ring.color');
        outline-offset: dt('tabs.tab.focus.ring.offset');
    }

    .p-tab:not(.p-tab-active):not(.p-disabled):hover {
        background: dt('tabs.tab.hover.background');
        border-color: dt('tabs.tab.hover.border.color');
        color: dt('tabs.tab.hover.color');
    }

    .p-tab-active {
        background: dt('tabs.tab.active.background');
        border-color: dt('tabs.tab.active.border.color');
        color: dt('tabs.tab.active.color');
    }

    .p-tabpanels {
        background: dt('tabs.tabpanel.background');
        color: dt('tabs.tabpanel.color');
        padding: dt('tabs.tabpanel.padding');
        outline: 0 none;
    }

    .p-tabpanel:focus-visible {
        box-shadow: dt('tabs.tabpanel.focus.ring.shadow');
        outline: dt('tabs.tabpanel.focus.ring.width') dt('tabs.tabpanel.focus.ring.style') dt('tabs.tabpanel.focus.ring.color');
        outline-offset: dt('tabs.tabpanel.focus.ring.offset');
    }

    .p-tablist-active-bar {
        z-index: 1;
        display: block;
        position: absolute;
        inset-block-end: dt('tabs.active.bar.bottom');
        height: dt('tabs.active.bar.height');
        background: dt('tabs.active.bar.background');
        transition: 250ms cubic-bezier(0.35, 0, 0.25, 1);
    }
`,classes:{root:function(e){return[`p-tabs p-component`,{"p-tabs-scrollable":e.props.scrollable}]}}}),Te={name:`Tabs`,extends:{name:`BaseTabs`,extends:k,props:{value:{type:[String,Number],default:void 0},lazy:{type:Boolean,default:!1},scrollable:{type:Boolean,default:!1},showNavigators:{type:Boolean,default:!0},tabindex:{type:Number,default:0},selectOnFocus:{type:Boolean,default:!1}},style:we,provide:function(){return{$pcTabs:this,$parentInstance:this}}},inheritAttrs:!1,emits:[`update:value`],data:function(){return{d_value:this.value}},watch:{value:function(e){this.d_value=e}},methods:{updateValue:function(e){this.d_value!==e&&(this.d_value=e,this.$emit(`update:value`,e))},isVertical:function(){return this.orientation===`vertical`}}};Te.render=function(e,t,n,r,i,a){return C(),w(`div`,I({class:e.cx(`root`)},e.ptmi(`root`)),[j(e.$slots,`default`)],16)};var Ee={class:`panel`},De={class:`secret`},Oe=b(y({__name:`ApiKeysPanel`,setup(t){let i=r([]),a=r(null),s=r(``),c=r(null),d=r(`responder`),f=r(!0);async function p(){try{i.value=(await A.keys()).items,a.value=null}catch(e){a.value=z(e)}}async function m(){try{c.value=await A.createKey(s.value.trim(),d.value,f.value?[`/alerts/webhook/`]:[]),s.value=``,await p()}catch(e){a.value=z(e)}}async function h(e){try{await A.revokeKey(e.id),await p()}catch(e){a.value=z(e)}}return R(p),(t,r)=>(C(),w(`div`,Ee,[_(`form`,{class:`toolbar`,onSubmit:o(m,[`prevent`])},[r[4]||=_(`label`,{for:`key-name`},`New key named`,-1),O(B(K),{id:`key-name`,modelValue:s.value,"onUpdate:modelValue":r[0]||=e=>s.value=e,placeholder:`alertmanager-prod`},null,8,[`modelValue`]),r[5]||=_(`label`,{for:`key-role`},`with the role`,-1),O(B(U),{modelValue:d.value,"onUpdate:modelValue":r[1]||=e=>d.value=e,"input-id":`key-role`,options:[...B(P)]},null,8,[`modelValue`,`options`]),O(B(ae),{modelValue:f.value,"onUpdate:modelValue":r[2]||=e=>f.value=e,"input-id":`key-webhook`,binary:``},null,8,[`modelValue`]),r[6]||=_(`label`,{for:`key-webhook`},`webhooks only`,-1),O(B(n),{type:`submit`,label:`Create`,icon:`pi pi-plus`,disabled:!s.value.trim()},null,8,[`disabled`])],32),c.value?.key?(C(),u(B(ne),{key:0,severity:`warn`,closable:``,onClose:r[3]||=e=>c.value=null},{default:x(()=>[r[7]||=N(` Copy the key `,-1),_(`strong`,null,l(c.value.name),1),r[8]||=N(` now; it is not shown again: `,-1),_(`code`,De,l(c.value.key),1)]),_:1})):e(``,!0),O(L,{error:a.value},null,8,[`error`]),O(B(G),{value:i.value,"data-key":`id`,size:`small`},{empty:x(()=>[O(q,{icon:`pi pi-key`,title:`No API key`},{default:x(()=>[...r[9]||=[N(` Monitoring tools and scripts authenticate with one: create it above. `,-1)]]),_:1})]),default:x(()=>[O(B(W),{field:`name`,header:`Name`}),O(B(W),{header:`Prefix`},{body:x(({data:e})=>[_(`code`,null,l(e.prefix)+`…`,1)]),_:1}),O(B(W),{field:`role`,header:`Role`}),O(B(W),{header:`Limited to`,class:`hide-on-phone`,"header-class":`hide-on-phone`},{body:x(({data:e})=>[N(l(e.allowed_endpoints.join(`, `)||`every route its role allows`),1)]),_:1}),O(B(W),{header:`Created`},{body:x(({data:e})=>[O(J,{value:e.created_at},null,8,[`value`])]),_:1}),O(B(W),{header:`Last used`},{body:x(({data:e})=>[O(J,{value:e.last_used_at},null,8,[`value`])]),_:1}),O(B(W),{header:``},{body:x(({data:e})=>[e.is_active?(C(),u(B(n),{key:0,label:`Revoke`,severity:`danger`,text:``,size:`small`,onClick:t=>h(e)},null,8,[`onClick`])):(C(),u(B(se),{key:1,value:`revoked`,severity:`secondary`}))]),_:1})]),_:1},8,[`value`])]))}}),[[`__scopeId`,`data-v-fa407b39`]]),ke={class:`range`},Ae={class:`range`},je={class:`mono`},Me=b(y({__name:`AuditPanel`,setup(t){let i=[{value:``,label:`Any action`},...[`login`,`login_failed`,`login_throttled`,`logout`,`refresh_reused`,`user_created`,`user_changed`,`key_created`,`key_revoked`].map(e=>({value:e,label:e.replace(`_`,` `)}))],s=r([]),c=r(null),d=r(!1),p=f({who:``,event:``,after:``,before:``}),m=ee(()=>Object.values(p).some(e=>e!==``));async function h(){d.value=!0;try{let e={limit:200,who:p.who.trim(),event:p.event,after:Y(p.after),before:Y(p.before)};s.value=(await A.audit(e)).items,c.value=null}catch(e){c.value=z(e)}finally{d.value=!1}}function v(e){p.who=e.target.value}function y(){Object.assign(p,{who:``,event:``,after:``,before:``})}return ie(p,h),R(h),(t,r)=>(C(),w(`div`,null,[_(`form`,{class:`toolbar`,role:`search`,"aria-label":`Audit log filters`,onSubmit:r[3]||=o(()=>{},[`prevent`])},[O(B(K),{"model-value":p.who,placeholder:`Who`,"aria-label":`Who (user or actor)`,onChange:v},null,8,[`model-value`]),O(B(U),{modelValue:p.event,"onUpdate:modelValue":r[0]||=e=>p.event=e,options:i,"option-label":`label`,"option-value":`value`,placeholder:`Any action`,"aria-label":`Action`},null,8,[`modelValue`]),_(`label`,ke,[r[4]||=_(`span`,{class:`muted`},`From`,-1),V(_(`input`,{"onUpdate:modelValue":r[1]||=e=>p.after=e,type:`datetime-local`,class:`p-inputtext`,"aria-label":`At or after`},null,512),[[a,p.after]])]),_(`label`,Ae,[r[5]||=_(`span`,{class:`muted`},`to`,-1),V(_(`input`,{"onUpdate:modelValue":r[2]||=e=>p.before=e,type:`datetime-local`,class:`p-inputtext`,"aria-label":`Before`},null,512),[[a,p.before]])]),m.value?(C(),u(B(n),{key:0,label:`Clear`,icon:`pi pi-times`,text:``,onClick:y})):e(``,!0)],32),O(L,{error:c.value},null,8,[`error`]),O(B(G),{value:s.value,"data-key":`id`,size:`small`,loading:d.value},{empty:x(()=>[O(q,{icon:`pi pi-history`,title:`No audit events`},{default:x(()=>[m.value?(C(),w(g,{key:0},[N(`Nothing matches these filters; clear them to see every event.`)],64)):(C(),w(g,{key:1},[N(`Sign-ins, sign-outs, new users and API keys are recorded here.`)],64))]),_:1})]),default:x(()=>[O(B(W),{header:`When`},{body:x(({data:e})=>[O(J,{value:e.at},null,8,[`value`])]),_:1}),O(B(W),{header:`Who`},{body:x(({data:e})=>[N(l(e.username||e.actor),1)]),_:1}),O(B(W),{field:`event`,header:`What`}),O(B(W),{field:`actor`,header:`By`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),O(B(W),{field:`ip`,header:`From`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),O(B(W),{header:`Detail`,class:`hide-on-phone`,"header-class":`hide-on-phone`},{body:x(({data:e})=>[_(`span`,je,l(e.detail?JSON.stringify(e.detail):``),1)]),_:1})]),_:1},8,[`value`,`loading`])]))}}),[[`__scopeId`,`data-v-cf60511a`]]),Ne=y({__name:`UsersPanel`,setup(e){let t=r([]),i=f({username:``,password:``,role:`viewer`}),a=r(null);async function s(){try{t.value=(await A.users()).items,a.value=null}catch(e){a.value=z(e)}}async function c(e,t){try{await A.updateUser(e.id,{role:t}),await s()}catch(e){a.value=z(e)}}async function l(){try{await A.createUser({...i,username:i.username.trim()}),Object.assign(i,{username:``,password:``}),await s()}catch(e){a.value=z(e)}}return R(s),(e,r)=>(C(),w(`div`,null,[O(L,{error:a.value},null,8,[`error`]),_(`form`,{class:`toolbar`,onSubmit:o(l,[`prevent`])},[O(B(K),{modelValue:i.username,"onUpdate:modelValue":r[0]||=e=>i.username=e,placeholder:`user name`,"aria-label":`New user's name`,autocomplete:`off`},null,8,[`modelValue`]),O(B(K),{modelValue:i.password,"onUpdate:modelValue":r[1]||=e=>i.password=e,type:`password`,placeholder:`first password`,"aria-label":`New user's password`,autocomplete:`new-password`},null,8,[`modelValue`]),O(B(U),{modelValue:i.role,"onUpdate:modelValue":r[2]||=e=>i.role=e,options:[...B(P)],"aria-label":`New user's role`},null,8,[`modelValue`,`options`]),O(B(n),{type:`submit`,label:`Add user`,icon:`pi pi-user-plus`,disabled:!i.username.trim()||!i.password},null,8,[`disabled`])],32),O(B(G),{value:t.value,"data-key":`id`,size:`small`},{default:x(()=>[O(B(W),{field:`username`,header:`User`}),O(B(W),{field:`email`,header:`Email`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),O(B(W),{header:`Role`},{body:x(({data:e})=>[O(B(U),{"model-value":e.role,options:[...B(P)],placeholder:`no role`,"aria-label":`Role of ${e.username}`,"onUpdate:modelValue":t=>c(e,t)},null,8,[`model-value`,`options`,`aria-label`,`onUpdate:modelValue`])]),_:1})]),_:1},8,[`value`])]))}}),Pe={class:`page`},Fe=y({__name:`AdminPage`,setup(e){return(e,t)=>(C(),w(`section`,Pe,[t[3]||=_(`h1`,{class:`page-title`},`Admin`,-1),O(B(Te),{value:`keys`,lazy:``},{default:x(()=>[O(B(he),null,{default:x(()=>[O(B(X),{value:`keys`},{default:x(()=>[...t[0]||=[N(`API keys`,-1)]]),_:1}),O(B(X),{value:`users`},{default:x(()=>[...t[1]||=[N(`Users and roles`,-1)]]),_:1}),O(B(X),{value:`audit`},{default:x(()=>[...t[2]||=[N(`Audit log`,-1)]]),_:1})]),_:1}),O(B(Ce),null,{default:x(()=>[O(B($),{value:`keys`},{default:x(()=>[O(Oe)]),_:1}),O(B($),{value:`users`},{default:x(()=>[O(Ne)]),_:1}),O(B($),{value:`audit`},{default:x(()=>[O(Me)]),_:1})]),_:1})]),_:1})]))}});export{Fe as default};